package owndelete

type set map[string]bool

var members = set{}

func delete(s set, k string) { s[k] = false }

func resetMembers() {
	for k := range members {
		delete(members, k)
	}
}
