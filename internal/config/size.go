package config

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/incidentsite/incidentsite/internal/yamlx"
	"gopkg.in/yaml.v3"
)

// Size is a number of bytes, written as a number or with a unit: 512KiB,
// 1MiB, 2MB.
type Size int64

// String returns the size in the largest whole unit.
func (s Size) String() string {
	switch {
	case s >= 1<<20 && s%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", s>>20)
	case s >= 1<<10 && s%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", s>>10)
	}
	return fmt.Sprintf("%d bytes", int64(s))
}

var sizeUnits = []struct {
	suffix string
	n      int64
}{{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"kb", 1000}, {"mb", 1000_000}, {"gb", 1000_000_000}, {"k", 1 << 10}, {"m", 1 << 20}, {"b", 1}}

// UnmarshalYAMLNode implements yamlx.Unmarshaler.
func (s *Size) UnmarshalYAMLNode(d *yamlx.Decoder, path string, n *yaml.Node) {
	v, ok := d.Scalar(path, n, "a size")
	if !ok {
		return
	}
	t := strings.ToLower(strings.ReplaceAll(v, " ", ""))
	mul := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, mul = strings.TrimSuffix(t, u.suffix), u.n
			break
		}
	}
	i, err := strconv.ParseInt(t, 10, 64)
	if err != nil || i <= 0 || i > (1<<40)/mul {
		d.Errorf(n, "type", "%s must be a size such as 1MiB or 512KiB, not %q", yamlx.Name(path), v)
		return
	}
	*s = Size(i * mul)
}
