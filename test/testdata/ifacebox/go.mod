module example.com/ifacebox

go 1.26
