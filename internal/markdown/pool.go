package markdown

import (
	"bufio"
	"bytes"
	"sync"

	"github.com/yuin/goldmark/ast"
)

// output is a buffer goldmark renders into, with the buffered writer it
// wants: given a plain io.Writer, goldmark makes a 4 KiB bufio.Writer for
// each rendering, the largest allocation of a site's rendering. Outputs
// are reused through outputs.
type output struct {
	b bytes.Buffer
	w *bufio.Writer
}

// maxPooled is the largest buffer put back into outputs: a rare huge
// rendering does not stay in memory.
const maxPooled = 64 << 10

var outputs = sync.Pool{New: func() any {
	o := &output{}
	o.w = bufio.NewWriter(&o.b)
	return o
}}

// renderDoc renders doc, parsed from src, with md's renderer and returns
// the HTML.
func renderDoc(src []byte, doc ast.Node) (string, error) {
	o := outputs.Get().(*output)
	defer func() {
		if o.b.Cap() > maxPooled {
			return
		}
		o.b.Reset()
		o.w.Reset(&o.b)
		outputs.Put(o)
	}()
	if err := md.Renderer().Render(o.w, src, doc); err != nil {
		return "", err
	}
	return o.b.String(), nil
}
