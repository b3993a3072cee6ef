package main

import (
	"strings"
	"testing"
)

// Run by `dotnet test hello.goproj` in the Dockerfile's test stage.
func TestMessageNamesTheSdk(t *testing.T) {
	if got := message(); !strings.Contains(got, "GoDocker.Sdk") {
		t.Errorf("message() = %q, want it to name GoDocker.Sdk", got)
	}
}
