package ok

import "testing"

func TestPass(t *testing.T) {}

func TestErrorf(t *testing.T) {
	t.Errorf("got %d, want %d", 1, 2)
}

func TestFatalf(t *testing.T) {
	t.Fatalf("cannot open: %s", "x")
}

func TestSkip(t *testing.T) {
	t.Skip("not today")
}

func TestFailNoLine(t *testing.T) {
	t.Fail()
}
