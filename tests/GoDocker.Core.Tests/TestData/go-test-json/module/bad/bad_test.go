package bad

import "testing"

func TestBad(t *testing.T) {
	var s string = F()
	_ = s
}
