package output

import (
	"fmt"
	"sync"
)

// Memory is a Writer that keeps a site's files in memory instead of
// writing them to disk: a preview server (incidentsite serve) serves them
// from there, and nothing of the site's folder is written. Its Put takes
// the same paths as a Stage's (CheckPath), so a site that renders into a
// Stage renders into a Memory, and the other way round.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// Put keeps a copy of data as the file name; see Writer.
func (m *Memory) Put(name string, data []byte) error {
	if err := CheckPath(name); err != nil {
		return fmt.Errorf("write in memory: %w", err)
	}
	c := make([]byte, len(data))
	copy(c, data)
	m.mu.Lock()
	m.files[name] = c
	m.mu.Unlock()
	return nil
}

// File returns the file name, when it was put. The data is the Memory's
// own: the caller must not change it.
func (m *Memory) File(name string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.files[name]
	return data, ok
}

// Files returns the files put so far, by path. The map is the Memory's
// own: the caller must not change it, nor Put more once it reads it.
func (m *Memory) Files() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files
}
