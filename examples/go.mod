module example.com/mapleak-examples

go 1.23
