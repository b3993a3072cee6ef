// A signed Go checksum database for tests, on 127.0.0.1: golang.org/x/mod/sumdb's server and in-memory TestServer
// (the code sum.golang.org's client is tested against), with records computed from a GOPROXY folder like
// sum.golang.org computes them (dirhash h1 of the zip and of go.mod). Built with the go 1.19 toolchain's own vendored
// copy of golang.org/x/mod (see ChecksumDatabaseServer.cs). Prints "vkey <key>", "listening <url>", then one
// "request <path>" line per request it receives.
//
// usage: sumdb-server <name> <goproxy folder>
package main

import (
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/dirhash"
	"golang.org/x/mod/sumdb/note"
)

func main() {
	name, folder := os.Args[1], os.Args[2]
	skey, vkey, err := note.GenerateKey(rand.Reader, name)
	if err != nil {
		panic(err)
	}

	gosum := func(path, vers string) ([]byte, error) {
		escPath, err := module.EscapePath(path)
		if err != nil {
			return nil, err
		}
		escVers, err := module.EscapeVersion(vers)
		if err != nil {
			return nil, err
		}
		base := filepath.Join(folder, escPath, "@v", escVers)
		zipHash, err := dirhash.HashZip(base+".zip", dirhash.Hash1)
		if err != nil {
			return nil, err
		}
		modHash, err := dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) { return os.Open(base + ".mod") })
		if err != nil {
			return nil, err
		}
		return []byte(fmt.Sprintf("%s %s %s\n%s %s/go.mod %s\n", path, vers, zipHash, path, vers, modHash)), nil
	}

	server := sumdb.NewServer(sumdb.NewTestServer(skey, gosum))
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}

	var out sync.Mutex
	fmt.Printf("vkey %s\nlistening http://%s\n", vkey, listener.Addr())
	http.Serve(listener, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		out.Lock()
		fmt.Printf("request %s\n", r.URL.Path)
		out.Unlock()
		server.ServeHTTP(w, r)
	}))
}
