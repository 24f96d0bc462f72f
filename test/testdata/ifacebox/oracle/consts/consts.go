// Package consts holds constants the oracle's cases store from another package of the module.
package consts

const Limit = 1 << 20

type Kind int

const Big Kind = 100000
