DROP TABLE IF EXISTS lattice_operations, lattice_fields, lattices CASCADE;
