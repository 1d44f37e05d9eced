// Package fabtest helps the models' tests damage model files on purpose.
package fabtest

import (
	"encoding/binary"
	"hash/crc32"

	"fabulist/model/fab"
)

// Reseal rewrites the checksum of a version-2 file b after a test changed its payload, so that the
// decoder gets past the checksum to the change itself. It returns b.
func Reseal(b []byte) []byte {
	n := binary.LittleEndian.Uint64(b[16:])
	binary.LittleEndian.PutUint32(b[fab.HeaderLen+n:], crc32.ChecksumIEEE(b[fab.HeaderLen:fab.HeaderLen+n]))
	return b
}
