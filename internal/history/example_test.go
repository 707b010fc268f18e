package history_test

import (
	"fmt"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage/memory"

	"github.com/incidentsite/incidentsite/internal/history"
	"github.com/incidentsite/incidentsite/internal/history/historytest"
)

// An incident registered in 2024's folder, updated, and moved to 2025's
// when it turned out to belong there: its trail goes back to the
// registration.
func ExampleHistory_Trail() {
	st := memory.NewStorage()
	r := historytest.New(st)
	when := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	commit := func(msg string) {
		sig := historytest.Sig("An Janssens", when)
		var parents []plumbing.Hash
		if !r.Head.IsZero() {
			parents = append(parents, r.Head)
		}
		r.Commit(msg, sig, sig, parents...)
		when = when.Add(20 * time.Minute)
	}
	r.Write("content/incidents/2024/db-down.md", "updates: [investigating]")
	commit("Register the database outage")
	r.Write("content/incidents/2024/db-down.md", "updates: [investigating, identified]")
	commit("Post an update")
	r.Remove("content/incidents/2024/db-down.md")
	r.Write("content/incidents/2025/db-down.md", "updates: [investigating, identified]")
	commit("Move to 2025")
	r.SetBranch("main", r.Head)

	repo, _ := git.Open(st, nil)
	h, _, _ := history.Read(repo, r.Head.String(), history.Options{Site: ".", Dir: "content"})
	for _, rev := range h.Trail("content/incidents/2025/db-down.md") {
		fmt.Println(rev.AuthorTime.Format("15:04"), rev.Kind, rev.Path, "-", rev.Subject)
	}
	first, _ := h.First("content/incidents/2025/db-down.md")
	fmt.Println("registered", first.AuthorTime.Format(time.RFC3339), "by", first.Author)
	// Output:
	// 09:40 moved content/incidents/2025/db-down.md - Move to 2025
	// 09:20 modified content/incidents/2024/db-down.md - Post an update
	// 09:00 added content/incidents/2024/db-down.md - Register the database outage
	// registered 2025-01-01T09:00:00Z by An Janssens
}
