package app

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// A workspace is named by its text's first words, so every run of one text had the same title
// in the list and a trial could not tell two apart. wsTitles titles such workspaces by what tells
// them apart: the settings that differ between them (as the settings form labels them), and when
// those do not (the same settings, or descriptions saved before they held settings), when each
// run started.

// maxTitleSettings bounds the differing settings a title names; more are cut with "…".
const maxTitleSettings = 3

// wsTitles gives each healthy workspace of list its title, by ID: its name alone when no other
// listed workspace has that name, else the name and what tells it apart from the others.
// Damaged workspaces are left out: their rows say so.
func wsTitles(list []proto.Workspace) map[string]string {
	groups := map[string][]proto.Workspace{}
	var names []string
	for _, w := range list {
		if w.Damaged != "" {
			continue
		}
		if _, ok := groups[w.Name]; !ok {
			names = append(names, w.Name)
		}
		groups[w.Name] = append(groups[w.Name], w)
	}
	titles := make(map[string]string, len(list))
	for _, name := range names {
		g := groups[name]
		if len(g) == 1 {
			titles[g[0].ID] = name
			continue
		}
		diff := differingSettings(g)
		base := make([]string, len(g))
		for i := range g {
			base[i] = name
			if d := diff[i]; d != "" {
				base[i] += " · " + d
			}
		}
		for i, t := range startedWhere(g, base) {
			titles[g[i].ID] = t
		}
	}
	return titles
}

// startedWhere adds to each title that another of g shares when its run started, to the minute,
// or to the second where the minute is shared too; titles still shared after that (runs started
// within one second) are numbered in the order the runs started.
func startedWhere(g []proto.Workspace, titles []string) []string {
	out := slices.Clone(titles)
	for _, layout := range []string{"Jan 2 15:04", "Jan 2 15:04:05"} {
		shared := sharedTitles(out)
		for i := range out {
			if shared[out[i]] {
				out[i] = titles[i] + " · started " + time.UnixMilli(started(g[i])).Format(layout)
			}
		}
	}
	seen, shared := map[string]int{}, sharedTitles(out)
	for i := len(out) - 1; i >= 0; i-- { // the list is newest first: number from the oldest
		if shared[out[i]] {
			seen[out[i]]++
			out[i] += fmt.Sprintf(" (%d)", seen[out[i]])
		}
	}
	return out
}

// started is when w's run started: its creation, or its last save in a description without one.
func started(w proto.Workspace) int64 {
	if w.Created > 0 {
		return w.Created
	}
	return w.Updated
}

// sharedTitles lists the titles that more than one of titles has.
func sharedTitles(titles []string) map[string]bool {
	n := map[string]int{}
	for _, t := range titles {
		n[t]++
	}
	shared := map[string]bool{}
	for t, k := range n {
		if k > 1 {
			shared[t] = true
		}
	}
	return shared
}

// differingSettings says, for each workspace of g, the settings whose values are not the same
// in all of g that hold settings ("cell GRU, units 128"), in the form's order; "" for one
// without settings, or when all agree.
func differingSettings(g []proto.Workspace) []string {
	var cfgs []lm.Config
	for _, w := range g {
		if w.Config != nil {
			cfgs = append(cfgs, *w.Config)
		}
	}
	var differ []lm.Setting
	for _, s := range lm.Settings {
		for _, c := range cfgs[min(1, len(cfgs)):] {
			if c.Get(s.Name) != cfgs[0].Get(s.Name) {
				differ = append(differ, s)
				break
			}
		}
	}
	out := make([]string, len(g))
	for i, w := range g {
		if w.Config == nil {
			continue
		}
		var parts []string
		for j, s := range differ {
			if j == maxTitleSettings {
				parts[len(parts)-1] += ", …"
				break
			}
			parts = append(parts, strings.ToLower(shortLabel(s.Label))+" "+settingValue(s, w.Config.Get(s.Name)))
		}
		out[i] = strings.Join(parts, ", ")
	}
	return out
}

// shortLabel is a form label without its parenthesis: "Window (seq_length)" is "Window".
func shortLabel(label string) string {
	if i := strings.Index(label, " ("); i > 0 {
		return label[:i]
	}
	return label
}

// settingValue is a setting's value as the form shows it: a choice by its label ("GRU", "last
// token"), a number as it is.
func settingValue(s lm.Setting, v string) string {
	for _, c := range s.Choices {
		if c[0] == v {
			return shortLabel(c[1])
		}
	}
	return v
}
