//go:build !(js && wasm)

package app

import (
	"fmt"
	"io"
	"net/http"
)

// fetchText gets a small static file (outside the browser: tests that render the studio natively).
func fetchText(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("%s: %s", url, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, MaxTextBytes+1))
	return string(b), err
}
