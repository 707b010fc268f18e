package vocab_test

import (
	"slices"
	"testing"

	"github.com/incidentsite/incidentsite/internal/vocab"
)

func TestLevelWorse(t *testing.T) {
	// Each level is worse than every one before it, and than "", which
	// stands for no level at all.
	order := []vocab.Level{"", vocab.UnderMaintenance, vocab.DegradedPerformance, vocab.PartialOutage, vocab.MajorOutage}
	for i, a := range order {
		for j, b := range order {
			if got, want := a.Worse(b), i > j; got != want {
				t.Errorf("%q.Worse(%q) = %v, want %v", a, b, got, want)
			}
		}
	}
	if vocab.Operational.Worse("") || vocab.Level("").Worse(vocab.Operational) {
		t.Error(`operational and "" must rank alike`)
	}
	if vocab.Level("down").Worse(vocab.Operational) {
		t.Error("an unknown level must not rank above operational")
	}
}

func TestLevelWeight(t *testing.T) {
	for _, tc := range []struct {
		level vocab.Level
		want  float64
	}{
		{vocab.MajorOutage, 1},
		{vocab.PartialOutage, 0.3},
		{vocab.DegradedPerformance, 0},
		{vocab.UnderMaintenance, 0},
		{vocab.Operational, 0},
		{"", 0},
	} {
		if got := tc.level.Weight(); got != tc.want {
			t.Errorf("%q.Weight() = %v, want %v", tc.level, got, tc.want)
		}
	}
}

func TestImpactLevel(t *testing.T) {
	for _, tc := range []struct {
		impact vocab.Impact
		want   vocab.Level
	}{
		{vocab.ImpactNone, vocab.Operational},
		{vocab.ImpactMinor, vocab.DegradedPerformance},
		{vocab.ImpactMajor, vocab.PartialOutage},
		{vocab.ImpactCritical, vocab.MajorOutage},
		{vocab.ImpactMaintenance, vocab.Operational},
	} {
		if got := tc.impact.Level(); got != tc.want {
			t.Errorf("%q.Level() = %q, want %q", tc.impact, got, tc.want)
		}
	}
}

func TestImpactOf(t *testing.T) {
	four := []string{"low", "medium", "high", "critical"}
	for _, tc := range []struct {
		severities []string
		severity   string
		want       vocab.Impact
	}{
		{four, "low", vocab.ImpactMinor},
		{four, "medium", vocab.ImpactMajor},
		{four, "high", vocab.ImpactMajor},
		{four, "critical", vocab.ImpactCritical},
		{four, "unknown", vocab.ImpactNone},
		{[]string{"low", "high"}, "low", vocab.ImpactMinor},
		{[]string{"low", "high"}, "high", vocab.ImpactCritical},
		{[]string{"only"}, "only", vocab.ImpactMajor},
		{nil, "major", vocab.ImpactNone},
	} {
		if got := vocab.ImpactOf(tc.severities, tc.severity); got != tc.want {
			t.Errorf("ImpactOf(%q, %q) = %q, want %q", tc.severities, tc.severity, got, tc.want)
		}
	}
}

func TestSeverityFor(t *testing.T) {
	three := []string{"minor", "major", "critical"}
	four := []string{"low", "medium", "high", "critical"}
	two := []string{"low", "high"}
	one := []string{"only"}
	for _, tc := range []struct {
		severities []string
		level      vocab.Level
		want       string
	}{
		{three, vocab.DegradedPerformance, "minor"},
		{three, vocab.PartialOutage, "major"},
		{three, vocab.MajorOutage, "critical"},
		{three, vocab.UnderMaintenance, "minor"},
		{three, vocab.Operational, "minor"},
		{three, "", "minor"},
		// The least severe of several that mean a partial outage.
		{four, vocab.DegradedPerformance, "low"},
		{four, vocab.PartialOutage, "medium"},
		{four, vocab.MajorOutage, "critical"},
		// No severity means a partial outage: the page must not show less.
		{two, vocab.DegradedPerformance, "low"},
		{two, vocab.PartialOutage, "high"},
		{two, vocab.MajorOutage, "high"},
		{one, vocab.DegradedPerformance, "only"},
		{one, vocab.MajorOutage, "only"},
		{nil, vocab.MajorOutage, ""},
	} {
		if got := vocab.SeverityFor(tc.severities, tc.level); got != tc.want {
			t.Errorf("SeverityFor(%q, %q) = %q, want %q", tc.severities, tc.level, got, tc.want)
		}
	}
}

func TestUpdateImpacts(t *testing.T) {
	want := []vocab.Level{vocab.DegradedPerformance, vocab.PartialOutage, vocab.MajorOutage, vocab.UnderMaintenance, vocab.Operational}
	if !slices.Equal(vocab.UpdateImpacts, want) {
		t.Errorf("UpdateImpacts = %q, want %q", vocab.UpdateImpacts, want)
	}
	if len(vocab.Impacts) != 4 {
		t.Errorf("Impacts = %q: building UpdateImpacts changed it", vocab.Impacts)
	}
}

func TestMaintenanceLevel(t *testing.T) {
	for _, tc := range []struct {
		status vocab.Status
		want   vocab.Level
	}{
		{vocab.Scheduled, vocab.Operational},
		{vocab.InProgress, vocab.UnderMaintenance},
		{vocab.Verifying, vocab.UnderMaintenance},
		{vocab.Completed, vocab.Operational},
	} {
		if got := tc.status.MaintenanceLevel(); got != tc.want || got == vocab.UnderMaintenance != tc.status.UnderWay() {
			t.Errorf("%q: MaintenanceLevel() = %q, want %q; UnderWay() = %v", tc.status, got, tc.want, tc.status.UnderWay())
		}
	}
}

func TestKinds(t *testing.T) {
	for _, tc := range []struct {
		kind          vocab.Kind
		dir, singular string
	}{
		{vocab.KindIncident, "incidents", "incident"},
		{vocab.KindRCA, "rcas", "RCA"},
		{vocab.KindMaintenance, "maintenance", "maintenance window"},
		{vocab.KindContacts, "contacts", "contact list"},
		{vocab.KindExercise, "exercises", "exercise"},
	} {
		if got := tc.kind.Dir(); got != tc.dir {
			t.Errorf("%q.Dir() = %q, want %q", tc.kind, got, tc.dir)
		}
		if got := tc.kind.Singular(); got != tc.singular {
			t.Errorf("%q.Singular() = %q, want %q", tc.kind, got, tc.singular)
		}
		if k, ok := vocab.KindOfDir(tc.dir); k != tc.kind || !ok {
			t.Errorf("KindOfDir(%q) = %q, %v; want %q", tc.dir, k, ok, tc.kind)
		}
	}
	if len(vocab.Kinds) != 5 {
		t.Errorf("Kinds = %q: a kind is missing from the table above", vocab.Kinds)
	}
	// A folder of no kind, or a kind's word that is not its folder.
	for _, dir := range []string{"incident", "exercise", "Incidents", ""} {
		if k, ok := vocab.KindOfDir(dir); ok {
			t.Errorf("KindOfDir(%q) = %q, want none", dir, k)
		}
	}
}

// TestUnknownKind pins that a kind which is none of the constants fails
// loudly instead of passing for one of them (it once read as an
// exercise).
func TestUnknownKind(t *testing.T) {
	for name, f := range map[string]func(vocab.Kind) string{"Dir": vocab.Kind.Dir, "Singular": vocab.Kind.Singular} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != `vocab: "incidents" is no kind of record` {
					t.Errorf("panic = %v, want it to name the kind", r)
				}
			}()
			f("incidents")
		})
	}
}

func TestStrings(t *testing.T) {
	if got := vocab.Strings(vocab.Visibilities); !slices.Equal(got, []string{"public", "internal"}) {
		t.Errorf("Strings(Visibilities) = %q", got)
	}
}
