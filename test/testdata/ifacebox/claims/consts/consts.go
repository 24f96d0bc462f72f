// Package consts declares what another package of the module stores.
package consts

const Limit = 1 << 20

type Kind int

const Big Kind = 1000

func New(n int) int { return n * 2 }
