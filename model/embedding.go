package model

// embeddingForward gathers rows: out (R, E) = table[ids[r]] for each of the R ids.
func embeddingForward(out, table []float32, ids []int32, E int) {
	for r, id := range ids {
		copy(out[r*E:(r+1)*E], table[int(id)*E:int(id+1)*E])
	}
}

// embeddingBackward scatters: dtable[ids[r]] += dout (R, E) row r. A token seen twice gets both.
func embeddingBackward(dtable, dout []float32, ids []int32, E int) {
	for r, id := range ids {
		d := dtable[int(id)*E : int(id+1)*E]
		for e, g := range dout[r*E : (r+1)*E] {
			d[e] += g
		}
	}
}
