package source

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxRevisionLen is the longest revision CheckRevision accepts: git's
// longest ref names are far shorter, and a hash is 40 or 64 digits.
const MaxRevisionLen = 255

// ErrBadRevision is returned, wrapped, by CheckRevision.
var ErrBadRevision = errors.New("not a revision")

// CheckRevision reports, as an error that says what to write instead,
// why rev cannot be a revision given on a command line: it must be a
// commit hash (whole or a prefix), a branch or tag name as git allows it
// (main, origin/main, refs/tags/v1.0), optionally followed by git's
// ~N and ^N steps to an ancestor (HEAD~1, main^2).
//
// It refuses what could be read as an option (a leading "-"), a range
// ("main..HEAD": diff takes its two revisions as two arguments), control
// characters and spaces, and the revision syntax that searches or reads
// more than a commit ("HEAD^{/fix}", "main@{1}", "HEAD:path", "*", "?",
// "["), as git's check-ref-format refuses them in names. It is checked
// before the revision reaches go-git, which never runs a git program, so
// that a revision from a workflow's untrusted input means one commit or
// nothing.
func CheckRevision(rev string) error {
	bad := func(why string) error { return badRevision(fmt.Sprintf("revision %q %s", rev, why)) }
	switch {
	case rev == "":
		return badRevision("revision is empty; give a commit hash, a branch or a tag")
	case len(rev) > MaxRevisionLen:
		return badRevision(fmt.Sprintf("revision of %d bytes is longer than %d; give a commit hash, a branch or a tag", len(rev), MaxRevisionLen))
	case !utf8.ValidString(rev):
		return bad("is not valid UTF-8")
	case strings.HasPrefix(rev, "-"):
		return bad("starts with \"-\" and would read as an option; give a commit hash, a branch or a tag")
	case strings.Contains(rev, ".."):
		return bad("is a range; name one commit (diff takes the two ends as two arguments: diff main HEAD)")
	case strings.Contains(rev, "@{"):
		return bad("uses the reflog (@{…}), which is not read; give a commit hash, a branch or a tag")
	case strings.HasSuffix(rev, "/"), strings.Contains(rev, "//"), strings.HasSuffix(rev, "."), strings.Contains(rev, "/."), strings.HasPrefix(rev, "."), strings.HasSuffix(rev, ".lock"):
		return bad("is not a name git allows for a branch or tag (no empty part, no part starting with \".\", no final \"/\", \".\" or \".lock\")")
	}
	for _, r := range rev {
		switch {
		case r == ' ' || unicode.IsSpace(r):
			return bad("holds a space; branch and tag names cannot")
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return bad(fmt.Sprintf("holds the control or invisible character %U; branch and tag names cannot", r))
		case strings.ContainsRune(":?*[\\{}", r):
			return bad(fmt.Sprintf("holds %q, which is revision syntax incidentsite does not read or not allowed in a name; give a commit hash, a branch or a tag, with ~N or ^N for an ancestor", r))
		}
	}
	return nil
}

// badRevision is an error of CheckRevision: its message says it all, and
// it is ErrBadRevision.
type badRevision string

func (e badRevision) Error() string { return string(e) }
func (e badRevision) Unwrap() error { return ErrBadRevision }
