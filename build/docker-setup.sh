#!/usr/bin/env bash
# Makes this Debian machine ready for the Docker- and Go-dependent tests: installs Debian's docker.io, golang-go,
# busybox-static, gcc (the SDK's native gateway is linked with it) and the tools tests start (tinyproxy, nginx, wrk,
# openssl, git, sshd) when missing, starts dockerd without a bridge (containers get loopback only, so all traffic
# stays on 127.0.0.1) when none runs, and waits for its socket.
set -euo pipefail

packages=()
command -v dockerd >/dev/null 2>&1 || packages+=(docker.io)
[ -x /usr/bin/docker ] || packages+=(docker.io)
command -v go >/dev/null 2>&1 || packages+=(golang-go)
[ -x /bin/busybox ] || packages+=(busybox-static)
command -v tinyproxy >/dev/null 2>&1 || packages+=(tinyproxy)
command -v nginx >/dev/null 2>&1 || packages+=(nginx-light)
command -v wrk >/dev/null 2>&1 || packages+=(wrk)
command -v openssl >/dev/null 2>&1 || packages+=(openssl)
command -v curl >/dev/null 2>&1 || packages+=(curl)
command -v git >/dev/null 2>&1 || packages+=(git)
[ -x /usr/sbin/sshd ] || packages+=(openssh-server)
# Packing the SDK links its native (ahead-of-time compiled) linux-x64 gateway with the C toolchain.
command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || packages+=(gcc libc6-dev)

if [ ${#packages[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  echo "docker-setup: installing ${packages[*]}"
  $sudo_cmd apt-get update -qq
  # Tests start their own servers on 127.0.0.1; no package may start a service (sshd, nginx) on every interface.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee "$policy" >/dev/null
    $sudo_cmd chmod +x "$policy"
    trap '$sudo_cmd rm -f "$policy"' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

socket=/var/run/docker.sock
if ! /usr/bin/docker version >/dev/null 2>&1; then
  echo "docker-setup: starting dockerd (no bridge, no iptables)"
  log=${TMPDIR:-/tmp}/godocker-dockerd.log
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  # setsid keeps dockerd alive after this script's session ends.
  $sudo_cmd setsid nohup dockerd --bridge=none --iptables=false --ip-masq=false >"$log" 2>&1 < /dev/null &
  for _ in $(seq 1 60); do
    if [ -S "$socket" ] && /usr/bin/docker version >/dev/null 2>&1; then
      break
    fi
    sleep 1
  done
  if ! /usr/bin/docker version >/dev/null 2>&1; then
    echo "docker-setup: dockerd did not come up; its log:" >&2
    tail -n 40 "$log" >&2 || true
    exit 1
  fi
fi
echo "docker-setup: engine $(/usr/bin/docker version --format '{{.Server.Version}}') ready at $socket"

"$(dirname "$0")/test-images.sh"

# ---- publish (issue 15): the distribution registry and htpasswd for the publish tests ----
# The tests start /usr/bin/docker-registry themselves on 127.0.0.1 with their own config; no service may keep one
# running on port 5000 (the package's default), so it is stopped and disabled after the install.
publish_packages=()
[ -x /usr/bin/docker-registry ] || publish_packages+=(docker-registry)
[ -x /usr/bin/htpasswd ] || publish_packages+=(apache2-utils)
if [ ${#publish_packages[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  echo "docker-setup: installing ${publish_packages[*]}"
  $sudo_cmd apt-get update -qq
  policy=/usr/sbin/policy-rc.d
  added_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee "$policy" >/dev/null
    $sudo_cmd chmod +x "$policy"
    added_policy=yes
  fi
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${publish_packages[@]}" >/dev/null
  [ -z "$added_policy" ] || $sudo_cmd rm -f "$policy"
fi
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  ${sudo_cmd:-} systemctl disable --now docker-registry >/dev/null 2>&1 || true
fi
if [ -x /etc/init.d/docker-registry ]; then
  ${sudo_cmd:-} /etc/init.d/docker-registry stop >/dev/null 2>&1 || true
  command -v update-rc.d >/dev/null 2>&1 && ${sudo_cmd:-} update-rc.d docker-registry disable >/dev/null 2>&1 || true
fi
# --- gateway replicas (issue 18): redis-server for the coordination tests ---------------------------------------
# The tests start their own redis-server on a free 127.0.0.1 port with its own data folder; Debian's service
# must not keep 6379 (policy-rc.d blocks the start during install; stop it if something started it anyway).
if ! command -v redis-server >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  echo "docker-setup: installing redis-server"
  added_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee /usr/sbin/policy-rc.d >/dev/null
    $sudo_cmd chmod +x /usr/sbin/policy-rc.d
    added_policy=yes
  fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  [ -z "$added_policy" ] || $sudo_cmd rm -f /usr/sbin/policy-rc.d
fi
if command -v redis-cli >/dev/null 2>&1 && redis-cli -p 6379 ping >/dev/null 2>&1; then
  redis-cli -p 6379 shutdown nosave >/dev/null 2>&1 || true
fi
# --- end gateway replicas ---------------------------------------------------------------------------------------
# --- podman (issue 16): GoContainerEngine=Podman runs the same Dockerfile with podman build (Buildah) -------------
# Rootful podman with Debian's default storage (/var/lib/containers) and runtime; builds use --network host, so no
# CNI bridge is needed. Podman has its own image store: the test images are copied in from Docker whenever Docker's
# copy differs (test-images.sh may have rebuilt them).
podman_packages=()
command -v podman >/dev/null 2>&1 || podman_packages+=(podman)
command -v buildah >/dev/null 2>&1 || podman_packages+=(buildah)
if [ ${#podman_packages[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  echo "docker-setup: installing ${podman_packages[*]}"
  $sudo_cmd apt-get update -qq
  # podman's recommends bring crun/runc, conmon, netavark, slirp4netns, fuse-overlayfs and uidmap.
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${podman_packages[@]}" >/dev/null
fi
for image in godocker-test/golang:1.19 godocker-test/golang:1.19-nonroot godocker-test/runtime:1; do
  docker_id="$(docker image inspect --format '{{.Id}}' "$image" 2>/dev/null | sed 's/^sha256://')" || docker_id=""
  podman_id="$(${sudo_cmd:-} podman image inspect --format '{{.Id}}' "$image" 2>/dev/null)" || podman_id=""
  if [ -n "$docker_id" ] && [ "$docker_id" != "$podman_id" ]; then
    docker save "$image" | ${sudo_cmd:-} podman load -q >/dev/null
    echo "docker-setup: loaded $image into podman"
  fi
done
# --- end podman -------------------------------------------------------------------------------------------------
