package dataset_test

import (
	"fmt"

	"fabulist/model/qa/dataset"
)

func ExampleMatchSpan() {
	passage := "And the youngest of these seven sons bore a very curious name; for men called him Assipattle."
	start, end := dataset.MatchSpan(passage, "a very curious name.")
	fmt.Println(start, end, string([]rune(passage)[start:end]))
	// Output: 42 61 a very curious name
}
