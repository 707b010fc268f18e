package site

import (
	"bytes"
	"errors"
	"runtime"
	"sync"
	"testing"

	"github.com/incidentsite/incidentsite/internal/output"
)

// memOut is a Writer that keeps the files in memory, for the
// tests. It checks each path as a stage does.
type memOut struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memOut) Put(name string, data []byte) error {
	if err := output.CheckPath(name); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string][]byte{}
	}
	m.files[name] = bytes.Clone(data)
	return nil
}

// failingOut fails every Put from the nth on.
type failingOut struct {
	memOut
	n, puts int
}

var errDiskFull = errors.New("no space left on device")

func (f *failingOut) Put(name string, data []byte) error {
	f.mu.Lock()
	f.puts++
	fail := f.puts >= f.n
	f.mu.Unlock()
	if fail {
		return errDiskFull
	}
	return f.memOut.Put(name, data)
}

// TestRenderStopsOnWriteError: the first error of the output is what
// Render returns, whichever step met it, and the steps after it do not
// run.
func TestRenderStopsOnWriteError(t *testing.T) {
	v, th := fixtureView(t)
	all := renderView(t, v, th)
	for _, n := range []int{1, 10, len(all) - 1} {
		out := &failingOut{n: n}
		if err := Render(v, th, out); !errors.Is(err, errDiskFull) {
			t.Errorf("failing from put %d: Render = %v, want %v", n, err, errDiskFull)
		}
		if _, ok := out.files["sitemap.xml"]; ok && n < len(all)-1 {
			t.Errorf("failing from put %d: the last step still ran", n)
		}
		// Pages being rendered when the output failed may still put.
		if out.puts > n+runtime.GOMAXPROCS(0) {
			t.Errorf("failing from put %d: %d puts", n, out.puts)
		}
	}
}
