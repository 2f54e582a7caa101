-- Fields old clients send on lattice create (issue 10): a description, returned like the name, and
-- whether an operation that asks for the GPU may run on the CPU when no GPU can be used.
ALTER TABLE lattices
  ADD COLUMN description text CHECK (char_length(description) <= 1000),
  ADD COLUMN allow_cpu_fallback boolean NOT NULL DEFAULT true;
