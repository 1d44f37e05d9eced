//go:build unix

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"fabulist/internal/need"
)

// makeServe runs `make serve` at the repository's top with args, the command built into a
// temporary folder (not the clone's bin/).
func makeServe(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	mk := need.Command(t, "apt install make", "make")
	args = append([]string{"-s", "--no-print-directory", "serve", "FABULIST=" + filepath.Join(t.TempDir(), "fabulist")}, args...)
	cmd := exec.Command(mk, args...)
	cmd.Dir = need.Root()
	// Under make test the outer make's level and flags would reach this one ("make[2]: …").
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k != "MAKELEVEL" && k != "MAKEFLAGS" && k != "MFLAGS" {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	return cmd
}

// makeLine is a line make writes of its own, at any level ("make: …", "make[2]: …").
var makeLine = regexp.MustCompile(`^make(\[\d+\])?: `)

// make run PORT=… (and ADDR=…) hand the address to fabulist serve, whose one-line message a bad
// one gets, with its exit status (make serve is make run without building the page).
func TestMakeServeRefusesABadPortInOneLine(t *testing.T) {
	for _, c := range []struct{ arg, want string }{
		{"PORT=abc", `fabulist serve: -addr "127.0.0.1:abc": the port must be a number from 0 to 65535`},
		{"PORT=99999", `fabulist serve: -addr "127.0.0.1:99999": the port must be a number from 0 to 65535`},
		{"ADDR=localhost", `fabulist serve: -addr "localhost" is not host:port, as in 127.0.0.1:8000`},
	} {
		t.Run(c.arg, func(t *testing.T) {
			cmd := makeServe(t, c.arg)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			if err == nil {
				t.Fatalf("make serve %s succeeded; stdout %q", c.arg, stdout.String())
			}
			// make adds a line of its own ("make: *** [Makefile:…: serve] Error 2"); fabulist says one.
			var ours []string
			for _, l := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
				if !makeLine.MatchString(l) {
					ours = append(ours, l)
				}
			}
			if len(ours) != 1 || ours[0] != c.want || !strings.Contains(stderr.String(), "Error 2") {
				t.Errorf("stderr %q; want the one line %q, and exit status 2", stderr.String(), c.want)
			}
		})
	}
}

// make run PORT=… serves on that port.
func TestMakeServeListensOnThePortGiven(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	web := emptyWeb(t)
	cmd := makeServe(t, fmt.Sprint("PORT=", port), "WEBDIR="+web)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // make, its shell and the server, stopped together
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGINT)
		cmd.Wait()
	}()
	line := make(chan string, 1)
	go func() {
		s := bufio.NewScanner(out)
		s.Scan()
		line <- s.Text()
	}()
	want := fmt.Sprintf("Fabulist is ready: open http://127.0.0.1:%d/", port)
	select {
	case got := <-line:
		if got != want {
			t.Errorf("make serve PORT=%d printed %q (stderr %q); want %q", port, got, stderr.String(), want)
		}
	case <-time.After(3 * time.Minute): // building the command takes seconds; a bound, not a measure
		t.Fatalf("make serve PORT=%d printed nothing in 3 minutes; stderr %q", port, stderr.String())
	}
}

// A port in use gets a line that says what to do, not the socket's error alone ("listen tcp
// 127.0.0.1:8729: bind: address already in use", which a new user read after make run had built
// the page for a minute).
func TestServeOnAPortInUseSaysWhatToDo(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	web := emptyWeb(t)
	_, errOut, code := runCLI(t, "serve", "-web", web, "-addr", ln.Addr().String())
	if code != 1 || !strings.Contains(errOut, ln.Addr().String()+" is in use") || !strings.Contains(errOut, "PORT=") ||
		strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Errorf("exit %d, stderr %q; want 1 and one line saying the address is in use and how to choose another", code, errOut)
	}
}

// emptyWeb is a web folder with the files the server checks for, all empty: the page is never
// fetched.
func emptyWeb(t *testing.T) string {
	t.Helper()
	web := t.TempDir()
	for _, f := range []string{"app.wasm", "page.js", "worker.js", "wasm_exec.js", "simd.js", "simd.wasm", "simd_fma.wasm", "store.js",
		"app.css", "icon.svg", "icon-192.png", "icon-512.png"} {
		if err := os.WriteFile(filepath.Join(web, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return web
}
