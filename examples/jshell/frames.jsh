// A first look at a Frame: build one from Java arrays, print it, filter it, describe it.
Frame f = Frame.builder().doubles("x", 1.5, 2.0, 3.25, 4.0).strings("kind", "a", "b", "a", null).longs("n", 1, 2, 3, 4).build();
System.out.println(f);
Frame onlyA = f.filter(r -> "a".equals(r.getString("kind")));
if (onlyA.rowCount() != 2) throw new AssertionError("expected 2 rows of kind a, got " + onlyA.rowCount());
System.out.println(f.describe());
f.select("x", "n").head(2)
/exit
