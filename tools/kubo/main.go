// Command ipfs is Kubo v0.43.1 (see go.mod), built from the Go module proxy for DAIMM's tests against a real IPFS
// node. Kubo's own go.mod replaces go-libp2p with a fork the proxy does not serve, so `go install
// github.com/ipfs/kubo/cmd/ipfs@v0.43.1` fails; as a dependency of this module that replace does not apply and a
// released go-libp2p is selected instead. Build it with tools/kubo/build.sh.
package main

import (
	"os"

	"github.com/ipfs/kubo/cmd/ipfs/kubo"
)

func main() {
	os.Exit(kubo.Start(kubo.BuildDefaultEnv))
}
