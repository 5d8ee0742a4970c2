import { pipeline, kafka, state } from "tsflink";

// Names JavaScript allows and Java or Avro would not: `$`, non-ASCII letters, a zero-width joiner.
// Record fields stay Avro names; parameters, consts and states may be any JavaScript identifier.
interface Circle {
  id: string;
  r: number;
}

export default pipeline({ name: "js-identifiers" }, (p) => {
  const circles = p.source(kafka.source<Circle>({ topic: "circles", format: "json" }));
  circles
    .map(($) => {
      const π = 3.14;
      const ρ2 = $.r * $.r;
      const a‍b = π * ρ2;
      return { id: $.id, area: a‍b };
    })
    .to(kafka.sink({ topic: "areas", format: "json" }));
  circles
    .keyBy((ç) => ç.id)
    .process({
      state: { $c: state.value(0), ñandú: state.value(0) },
      onElement(círculo, s, out) {
        const _n = s.$c + 1;
        s.$c = _n;
        s.ñandú = s.ñandú + círculo.r;
        out.emit({ id: círculo.id, seen: _n, total: s.ñandú });
      },
    })
    .to(kafka.sink({ topic: "counts", format: "json" }));
});
