// Command hello prints a greeting from its one module dependency.
package main

import (
	"fmt"

	"example.com/greeting"
)

// message is what the service prints; main_test.go checks it.
func message() string {
	return greeting.Hello("GoDocker.Sdk")
}

func main() {
	fmt.Println(message())
}
