module mapleak/validation

go 1.19
