package cli_test

import (
	"errors"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/cli"
	"github.com/incidentsite/incidentsite/internal/testutil"
	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"incidentsite": func() { os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScript runs the scripts in testdata/script. Run with -update to
// rewrite the expected output inside the scripts.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *testutil.Update,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			// The scripts never depend on the machine's clock or zone.
			env.Setenv("TZ", "America/New_York")
			env.Setenv("SOURCE_DATE_EPOCH", "")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status": cmdStatus,
			"commit": cmdCommit,
		},
	})
}

// cmdStatus runs a command and checks its exit status:
//
//	status 2 incidentsite validate --format nope
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status CODE command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status: %v", err)
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("status: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// cmdCommit commits every file of the script's work folder with go-git,
// creating the repository when needed (no git program involved). The
// commit time is the second argument, or 2025-03-01T12:00:00Z.
//
//	commit 'first version' [2025-03-01T12:00:00Z]
func cmdCommit(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: commit MESSAGE [TIME]")
	}
	when := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	if len(args) == 2 {
		var err error
		if when, err = time.Parse(time.RFC3339, args[1]); err != nil {
			ts.Fatalf("commit: %v", err)
		}
	}
	_, err := testutil.CommitDir(ts.Getenv("WORK"), args[0], "Test", "test@example.org", when)
	ts.Check(err)
}
