#!/usr/bin/env bash
# Builds the local images the tests use, since no registry is reachable: a Go base image from the host's Go
# toolchain, busybox-static and CA bundle (`docker import` of a rootfs), the same without any CA bundle, and a
# busybox runtime image, and the Go image plus git and the ssh client (as the official golang image has them) for the
# private-module tests, and the runtime image labelled linux/arm64 for the cross-compiling test (its final stage only
# copies a file, so nothing runs under emulation), and two images that build as another user than the tests' root
# with /root/.netrc: one with no passwd entry (BuildKit then sets HOME=/) and one whose USER is non-root with its own
# HOME, as Red Hat UBI's go-toolset builds (uid 1001, HOME=/opt/app-root/src). Each is rebuilt only when missing.
set -euo pipefail
docker=/usr/bin/docker
goroot=$(go env GOROOT)
goversion=$(go env GOVERSION | sed 's/^go//')
tag_minor=$(echo "$goversion" | cut -d. -f1,2)

image_exists() { $docker image inspect "$1" >/dev/null 2>&1; }

copy_with_libraries() { # $1 = rootfs, then host files: each file and the shared libraries it loads
  local root=$1 file lib
  shift
  for file in "$@"; do
    mkdir -p "$root$(dirname "$file")"
    cp -a "$file" "$root$file"
    for lib in $(ldd "$file" 2>/dev/null | awk '/=>/ {print $3} /ld-linux/ {print $1}'); do
      [ -e "$root$lib" ] && continue
      mkdir -p "$root$(dirname "$lib")"
      cp -L "$lib" "$root$lib"
    done
  done
}

add_git() { # $1 = rootfs: git with its https helper, and ssh for git+ssh; no agent or server
  local root=$1
  copy_with_libraries "$root" /usr/bin/git /usr/bin/ssh
  mkdir -p "$root/usr/lib/git-core" "$root/usr/share/git-core"
  cp -a /usr/lib/git-core/. "$root/usr/lib/git-core/"
  cp -a /usr/share/git-core/templates "$root/usr/share/git-core/"
  copy_with_libraries "$root" /usr/lib/git-core/git-remote-http
  # libcurl-gnutls reads the same CA bundle as go; ssh resolves the local user from /etc/passwd.
  mkdir -p "$root/etc/ssh" "$root/root/.ssh"
}

make_rootfs() { # $1 = dir, $2 = with-certs (yes/no)
  local root=$1
  mkdir -p "$root"/{bin,etc/ssl/certs,tmp,root,usr/local,go,src,lib64,lib/x86_64-linux-gnu}
  chmod 1777 "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
  done
  # The Go toolchain, with what `go build` needs (bin, pkg/tool, pkg/include, src) but not its tests.
  mkdir -p "$root/usr/local/go"
  cp -a "$goroot/bin" "$goroot/VERSION" "$root/usr/local/go/"
  cp -aL "$goroot/pkg" "$root/usr/local/go/pkg"
  (cd "$goroot" && tar --dereference --exclude='testdata' --exclude='*_test.go' -cf - src) | tar -xf - -C "$root/usr/local/go"
  # Debian's go is linked against glibc.
  for lib in $(ldd "$goroot/bin/go" | awk '/=>/ {print $3} /ld-linux/ {print $1}'); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
  echo 'nonroot:x:65532:65532:nonroot:/home/nonroot:/bin/sh' >> "$root/etc/passwd"
  printf 'root:x:0:\nnonroot:x:65532:\n' > "$root/etc/group"
  echo 'hosts: files dns' > "$root/etc/nsswitch.conf"
  printf '127.0.0.1 localhost\n::1 localhost\n' > "$root/etc/hosts"
  if [ "$2" = yes ]; then
    cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
  fi
}

import() { # $1 = image, $2 = with-certs, $3 = with-git (optional)
  local image=$1 work
  if image_exists "$image"; then
    echo "test-images: $image present"
    return
  fi
  work=$(mktemp -d)
  make_rootfs "$work/rootfs" "$2"
  if [ "${3:-}" = git ]; then
    add_git "$work/rootfs"
  fi
  tar -C "$work/rootfs" -c . | $docker import \
    -c 'ENV PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV GOPATH=/go' -c 'ENV GOROOT=/usr/local/go' -c 'WORKDIR /go' -c 'CMD ["/bin/sh"]' \
    - "$image" >/dev/null
  rm -rf "$work"
  echo "test-images: built $image"
}

import "godocker-test/golang:$tag_minor" yes
import "godocker-test/golang:$tag_minor-nocerts" no
import "godocker-test/golang:$tag_minor-git" yes git

runtime=godocker-test/runtime:1
if ! image_exists "$runtime"; then
  work=$(mktemp -d)
  mkdir -p "$work/bin" "$work/etc" "$work/tmp"
  cp /bin/busybox "$work/bin/busybox"
  ln -s busybox "$work/bin/sh"
  echo 'nonroot:x:65532:65532:nonroot:/:/bin/sh' > "$work/etc/passwd"
  tar -C "$work" -c . | $docker import -c 'CMD ["/bin/sh"]' - "$runtime" >/dev/null
  rm -rf "$work"
  echo "test-images: built $runtime"
fi

# docker import ignores --platform on Docker 20.10, so the image's config is relabelled through save and load.
runtime_arm64=godocker-test/runtime:1-arm64
if ! image_exists "$runtime_arm64"; then
  work=$(mktemp -d)
  $docker tag "$runtime" "$runtime_arm64"
  $docker save "$runtime_arm64" | tar -x -C "$work"
  config=$(grep -o '"Config":"[^"]*"' "$work/manifest.json" | cut -d'"' -f4)
  sed -i 's/"architecture":"amd64"/"architecture":"arm64"/' "$work/$config"
  $docker rmi "$runtime_arm64" >/dev/null
  tar -C "$work" -c . | $docker load >/dev/null
  rm -rf "$work"
  echo "test-images: built $runtime_arm64 ($($docker image inspect --format '{{.Os}}/{{.Architecture}}' "$runtime_arm64"))"
fi

derive() { # $1 = image, then Dockerfile lines over godocker-test/golang:$tag_minor
  local image=$1 work
  shift
  if image_exists "$image"; then
    echo "test-images: $image present"
    return
  fi
  work=$(mktemp -d)
  { echo "FROM godocker-test/golang:$tag_minor"; printf '%s\n' "$@"; } > "$work/Dockerfile"
  DOCKER_BUILDKIT=0 $docker build --quiet --network none -t "$image" "$work" >/dev/null
  rm -rf "$work"
  echo "test-images: built $image"
}

derive "godocker-test/golang:$tag_minor-nopasswd" 'RUN rm -f /etc/passwd /etc/group'
# /root closed to others, as on UBI, so nothing under it can serve the build user.
derive "godocker-test/golang:$tag_minor-nonroot" \
  'RUN echo "default:x:1001:1001:Default Application User:/opt/app-root/src:/sbin/nologin" >> /etc/passwd && echo "default:x:1001:" >> /etc/group && mkdir -p /opt/app-root/src && chown 1001:1001 /opt/app-root/src && chmod 0700 /root' \
  'ENV HOME=/opt/app-root/src' \
  'USER 1001' \
  'WORKDIR /opt/app-root/src'
