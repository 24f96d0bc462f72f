module example.com/ifacebox/old

go 1.24
