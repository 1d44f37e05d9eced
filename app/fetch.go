package app

import "encoding/json"

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
