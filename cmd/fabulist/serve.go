//go:build !wasm

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"fabulist/samples"
	"fabulist/server"
)

func cmdServe(args []string, stdout, stderr io.Writer) error {
	fs0 := newFlags("serve", "[-addr 127.0.0.1:8000] [-samples DIR] [-web DIR]")
	addr := fs0.String("addr", "127.0.0.1:8000", "address to listen on")
	sampleDir := fs0.String("samples", "", "offer the .txt files of this folder as ready texts (default: the built-in samples)")
	webDir := fs0.String("web", "web", "folder of the built page (app.wasm, worker.js, …)")
	if err := parse(fs0, args); err != nil {
		return err
	}
	if _, port, err := net.SplitHostPort(*addr); err != nil {
		return usageError{fmt.Sprintf("-addr %q is not host:port, as in 127.0.0.1:8000", *addr)}
	} else if _, err := net.LookupPort("tcp", port); err != nil {
		return usageError{fmt.Sprintf("-addr %q: the port must be a number from 0 to 65535", *addr)}
	}
	sampleFS, err := samplesFrom(*sampleDir)
	if err != nil {
		return err
	}
	h, err := server.NewHandler(server.Options{WebDir: *webDir, Samples: sampleFS})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		// make run builds the page first: the user waited for it, so the way out is said plainly.
		return fmt.Errorf("%s is in use, perhaps by a Fabulist already running: open that, or choose another port (make run PORT=…, or -addr)", *addr)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Fabulist is ready: open http://%s/\n", ln.Addr())
	srv := server.New(h, server.DefaultLimits)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); err != http.ErrServerClosed {
		return err
	}
	return nil
}

// samplesFrom is the folder of sample texts a user named, or the built-in samples.
func samplesFrom(dir string) (fs.FS, error) {
	if dir == "" {
		return samples.FS, nil
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("-samples %s is not a folder", dir)
	}
	return os.DirFS(dir), nil
}
