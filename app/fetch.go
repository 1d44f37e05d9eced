package app

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// fetchText gets a small static file; in the browser net/http goes through fetch.
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

// fetchSampleIndex lists the sample texts the server offers; none when it offers none.
func fetchSampleIndex(url string) []string {
	s, err := fetchText(url)
	if err != nil {
		return nil
	}
	var names []string
	if json.Unmarshal([]byte(s), &names) != nil {
		return nil
	}
	return names
}
