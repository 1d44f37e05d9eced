package main

import (
	"fmt"
	"io"
)

func cmdServe(args []string, stdout io.Writer) error {
	return fmt.Errorf("the studio's server is not built yet (issue 3)")
}
