// Re-exports nothing yet; the unroll command line lives here.
print("unroll")
