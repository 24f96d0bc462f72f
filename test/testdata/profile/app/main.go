// Command app fills the maps of package cache and serves heap profiles.
//
// Endpoints (on http.DefaultServeMux):
//
//	/debug/pprof/...  the standard net/http/pprof handlers
//	/fullheap         a gzipped pprof heap profile keeping runtime frames
//	/peaks            JSON of cache.Peaks()
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"

	"example.com/mapleakdemo/cache"
)

var rate = flag.Int("rate", 512*1024, "runtime.MemProfileRate to use")

// profileRate parses the flags and returns the -rate value.
func profileRate() int {
	flag.Parse()
	return *rate
}

func main() {
	runtime.MemProfileRate = profileRate()

	cache.Fill()
	runtime.GC()

	http.HandleFunc("/fullheap", serveFullHeap)
	http.HandleFunc("/peaks", servePeaks)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stdout, "listening on %s\n", ln.Addr().String())
	_ = os.Stdout.Sync()

	log.Fatal(http.Serve(ln, nil))
}

func servePeaks(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(cache.Peaks()); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func serveFullHeap(w http.ResponseWriter, _ *http.Request) {
	runtime.GC()
	var records []runtime.MemProfileRecord
	n, _ := runtime.MemProfile(nil, true)
	for {
		records = make([]runtime.MemProfileRecord, n+50)
		var ok bool
		n, ok = runtime.MemProfile(records, true)
		if ok {
			records = records[:n]
			break
		}
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", `attachment; filename="fullheap"`)
	if err := writeFullHeap(w, records, int64(runtime.MemProfileRate)); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}
