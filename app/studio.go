package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Studio is the page: it observes the View the handlers publish and hands each panel its part.
type Studio struct {
	app.Compo
	v View
}

// OnInit starts from the view of a page where nothing has happened yet, which is also what the
// server prerenders.
func (s *Studio) OnInit() { s.v = initialView() }

// OnMount starts the worker and subscribes to the state.
func (s *Studio) OnMount(ctx app.Context) {
	var v View
	if ctx.GetState(stateKey, &v); v.Published > 0 { // mounted again after the store published
		s.v = v
	}
	ctx.ObserveState(stateKey).Value(&s.v)
	bridge.start(ctx)
	warmUp()
	// A share link in the address, or an unknown path, as the page opened and whenever the
	// address changes (a link pasted into the address bar of an open studio changes the fragment).
	if app.IsClient { // the server prerenders the page too
		listenAddress(func(n addressNote) { ctx.NewActionWithValue(actAddress, n) })
		loadDemo(ctx) // a published demo's model, when the page has one
	}
}

// runWorkers is the worker count the status line shows: the run's, else a new run's.
func runWorkers(v View) int {
	switch {
	case v.RunWorkers > 0 && v.Phase != "idle":
		return v.RunWorkers
	case v.TrainWorkers > 0:
		return v.TrainWorkers
	}
	return v.Workers
}

// Render lays the panels out in the order a user goes through them.
func (s *Studio) Render() app.UI {
	v := s.v
	pairs := quizPairsOf(v)
	class := "studio"
	if v.Quiz.Printing {
		class += " printing-quiz" // the studio's parts are hidden from print, the quiz alone printed
	}
	return app.Div().Class(class).Body(
		app.Header().Class("top").Body(
			app.H1().Text("Fabulist"),
			app.P().Class("tagline").Text("Paste a story, train a neural network on it in your browser, and write with it."),
		),
		&ErrorBanner{Message: v.Error},
		app.Main().Class("grid").Body(
			app.Section().Class("panel text").Body(
				&TextPanel{Chars: v.TextChars, Analysis: v.Analysis, AnalysisError: v.AnalysisError, Estimating: v.Estimating, Config: v.Config, Blocked: len(v.FieldErrors) > 0,
					Text: v.Text, Preview: v.TextPreview, TextRev: v.TextRev},
			),
			app.Section().Class("panel settings").Body(
				&SettingsPanel{Preset: v.Preset, Config: v.Config, Errors: v.FieldErrors, Locked: v.Phase == "training" || v.Phase == "paused",
					Workers: v.TrainWorkers, Cores: v.Workers},
			),
			trainSection(v),
			writeSection(v),
			app.Section().Class("panel questions").Body(
				&QuestionsPanel{QA: v.QA, Ready: v.Ready, Quiz: v.Quiz, ShareLink: v.Share, ShareMsg: v.ShareMsg,
					PrintsText: printableText(v) != ""},
			),
			app.Section().Class("panel qa-train").Body(
				&QATrainPanel{Ready: v.Ready, V: v.QATrain, TextBusy: v.Phase == "training" || v.Phase == "paused"},
			),
		),
		app.Footer().Class("foot").Text("Everything runs in this tab: your text never leaves your computer."),
		app.If(v.Quiz.Printing, &QuizPrint{Pairs: pairs, Text: printableText(v), Rev: v.Quiz.PrintRev}),
	)
}

// The sections of training and writing are rendered apart from Render, which was a function of
// 20 KB of WebAssembly that V8 compiled again with TurboFan at the page's start (DEVELOPERS.md,
// "TurboFan at the start").

// trainSection is Train, its chart and samples, the model's files and the workspaces.
func trainSection(v View) app.UI {
	return app.Section().Class("panel train").Body(
		&TrainPanel{Ready: v.Ready, Workers: runWorkers(v), Kernel: v.Kernel, Phase: v.Phase, Progress: v.Progress, Batch: v.Config.Batch, HasModel: v.HasModel, HasText: strings.TrimSpace(v.Text) != "",
			TextNotRun: v.TextNotRun, Interrupted: v.Interrupted},
		&LossChart{Losses: v.BatchLoss, Val: v.ValLoss, Batches: v.Progress.Batches, Checks: v.Checks},
		&SamplesPanel{Samples: v.Samples, MinCopied: v.MinCopied, RawTokens: v.RawTokens},
		&ModelPanel{HasModel: v.HasModel, Ready: v.Ready, Locked: v.Phase == "training"},
		&WorkspacesPanel{List: v.Workspaces, Draft: v.BadDraft, Current: v.WorkspaceID, Confirm: v.ConfirmDelete, Usage: v.Usage,
			Quota: v.Quota, Locked: v.Phase == "training" || v.Phase == "paused", SavedAt: v.SavedAt},
	)
}

// writeSection is Write, Share and the model's address.
func writeSection(v View) app.UI {
	return app.Section().Class("panel write").Body(
		&GeneratePanel{HasModel: v.HasModel, Generating: v.Generating, Unknown: v.Unknown, GenSeed: v.GenSeed,
			Form: v.Form, FormRev: v.FormRev, Prompt: v.Prompt, PromptRev: v.PromptRev, Level: v.Level, MinCopiedError: v.MinCopiedError, MinCopied: v.MinCopied,
			Weights: v.Weights, Checks: v.Checks, WeightsNote: v.WeightsNote},
		&WritePanel{HasModel: v.HasModel, Output: v.Output, OutputRev: v.OutputRev, Candidates: v.Candidates,
			CandidatesFor: v.CandidatesFor, Ended: v.Ended, EndedWhy: v.EndedWhy, CanUndo: v.CanUndo,
			Copied: v.Copied, MinCopied: v.MinCopied, RawTokens: v.RawTokens, TextMsg: v.TextMsg,
			Branch: v.Branch, Level: v.Level, OwnUnknown: v.OwnUnknown},
		&SharePanel{Link: v.Share, Message: v.ShareMsg, Demo: v.Inlink},
		&AddressLinkPanel{V: v.Address},
	)
}

// printableText is the text the printed quiz starts with: the text when the box holds it whole,
// else none (a book's worth of pages before the questions helps no one).
func printableText(v View) string {
	if v.TextPreview {
		return ""
	}
	return v.Text
}
