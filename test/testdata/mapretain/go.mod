module example.com/mapretain

go 1.22
