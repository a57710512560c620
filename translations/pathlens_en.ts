<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<!-- Source language. Regenerate with: lupdate core collectors views app -ts translations/pathlens_en.ts -->
</TS>
