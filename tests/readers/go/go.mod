module retention-guard/tests/readers/go

go 1.19
