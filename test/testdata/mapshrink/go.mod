module example.com/mapshrink

go 1.24
