package e2e

import (
	"testing"
	"time"

	"fabulist/model/qa/qatest"
	"fabulist/server"
)

// TestPublishedQuestionDemoOpensReadyToAsk: a site published with a question model and a text
// opens with the text in the box and the question model open, without training; Find questions
// at once lists the model's questions beside the rules', each answer a span of the text. The
// text generator is left alone: there is none to write with.
func TestPublishedQuestionDemoOpensReadyToAsk(t *testing.T) {
	file := qatest.TinyModel(t, qaFable)
	p := openDemoSite(t, &server.Demo{Model: file, Text: qaFable}, nil, 3*time.Minute)
	ready(p)
	p.waitJS(`document.getElementById("corpus").value.includes("A hungry Fox saw sweet grapes")`)
	p.waitJS(`document.getElementById("qa-model").dataset.open === "true"`)
	p.do(clickID("find-questions"))
	pairs := pairsShown(p, `document.querySelectorAll("#questions .pair[data-method=model]").length > 0`)
	checkAnswers(t, qaFable, pairs)
	if n := evalAs[int](p, `document.querySelectorAll("#questions .pair[data-method=rules]").length`); n == 0 {
		t.Error("the rules' pairs are missing beside the model's")
	}
	if msg := evalAs[string](p, `document.getElementById("error").innerText`); msg != "" {
		t.Errorf("the demo shows an error: %q", msg)
	}
	if disabled := evalAs[bool](p, `document.getElementById("generate").disabled`); !disabled {
		t.Error("the question demo offers to write without a text generator")
	}
	if phase := evalAs[string](p, `document.getElementById("progress").dataset.phase`); phase == "training" {
		t.Errorf("the demo trains as it opens (phase %q)", phase)
	}
}
