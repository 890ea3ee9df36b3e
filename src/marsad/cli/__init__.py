"""The ``marsad`` command line: a thin layer over the library."""
