package site

import (
	"bytes"
	"io/fs"
	"sync"

	"github.com/incidentsite/incidentsite/internal/output"
	"github.com/incidentsite/incidentsite/internal/public"
)

// memOut is an output.Writer that keeps the files in memory, for the
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

// renderAll renders the public site of v into memory and returns its
// files by path.
func renderAll(v *public.View, files fs.FS) (map[string][]byte, error) {
	var out memOut
	if err := Render(v, files, &out); err != nil {
		return nil, err
	}
	return out.files, nil
}
