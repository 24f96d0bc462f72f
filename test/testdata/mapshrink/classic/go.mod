module example.com/mapshrink/classic

go 1.22
