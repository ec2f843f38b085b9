"""What every app's forms share: the Bootstrap (Tabler) CSS classes on their widgets."""

from __future__ import annotations

from django import forms


class Bootstrap:
    def style(self) -> None:
        for f in self.fields.values():  # type: ignore[attr-defined]
            w = f.widget
            if isinstance(w, forms.CheckboxInput):
                w.attrs.setdefault("class", "form-check-input")
            elif isinstance(w, forms.Select):
                w.attrs.setdefault("class", "form-select")
            else:
                w.attrs.setdefault("class", "form-control")
