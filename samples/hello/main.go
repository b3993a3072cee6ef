// Command hello prints a greeting from its one module dependency.
package main

import (
	"fmt"

	"example.com/greeting"
)

func main() {
	fmt.Println(greeting.Hello("GoDocker.Sdk"))
}
