// Command dbsize prints a folio store's file size and the bytes its pages
// hold ("in use": bbolt grows the file up to 16 MiB ahead of its data), one
// line: file_bytes in_use_bytes.
package main

import (
	"fmt"
	"log"
	"os"

	bolt "go.etcd.io/bbolt"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: dbsize FILE")
	}
	st, err := os.Stat(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	db, err := bolt.Open(os.Args[1], 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	var used int64
	db.View(func(tx *bolt.Tx) error {
		used = tx.Size() - int64(db.Stats().FreePageN)*int64(db.Info().PageSize)
		return nil
	})
	fmt.Println(st.Size(), used)
}
