package site

import (
	"testing"
	"time"
)

// TestDuration: durations read as people write them, without a zero part.
func TestDuration(t *testing.T) {
	v, fsys := exampleView(t)
	r, err := newRenderer(v, fsys, &memOut{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		d      time.Duration
		en, nl string
	}{
		{28 * time.Minute, "28 min", "28 min"},
		{4 * time.Hour, "4 h", "4 u"},
		{90 * time.Minute, "1 h 30 min", "1 u 30 min"},
		{48 * time.Hour, "2 d", "2 d"},
		{48*time.Hour + 20*time.Minute, "2 d", "2 d"},
		{7*24*time.Hour + 13*time.Hour, "7 d 13 h", "7 d 13 u"},
	} {
		if got := r.duration("en", tc.d); got != tc.en {
			t.Errorf("duration(en, %v) = %q, want %q", tc.d, got, tc.en)
		}
		if got := r.duration("nl", tc.d); got != tc.nl {
			t.Errorf("duration(nl, %v) = %q, want %q", tc.d, got, tc.nl)
		}
	}
}
