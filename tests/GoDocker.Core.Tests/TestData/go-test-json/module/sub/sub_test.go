package sub

import "testing"

func TestTable(t *testing.T) {
	for _, c := range []struct{ name string; in, want int }{{"one", 1, 1}, {"two", 2, 3}} {
		t.Run(c.name, func(t *testing.T) {
			if c.in != c.want {
				t.Errorf("in %d, want %d", c.in, c.want)
			}
		})
	}
}
