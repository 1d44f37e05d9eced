//go:build !(js && wasm)

package app

// fetchModelFile has nothing to fetch with outside the browser: tests of the store give their own.
func fetchModelFile(addr string) demoFetched {
	return modelFetchFailed(addr, "this is not a browser")
}
