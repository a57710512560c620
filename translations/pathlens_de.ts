<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>CaptureFiles</name>
    <message>
        <location filename="../core/interchange/capture_files.cpp" line="+33"/>
        <source>%1 records: %2 rows imported, %3 metadata, %4 skipped</source>
        <translation>%1 Datensätze: %2 Zeilen importiert, %3 Metadaten, %4 übersprungen</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Exported %1 rows to %2</source>
        <translation>%1 Zeilen nach %2 exportiert</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Saved a copy to %1</source>
        <translation>Kopie unter %1 gespeichert</translation>
    </message>
</context>
<context>
    <name>DeviceVerdict</name>
    <message>
        <location filename="../core/passive/tcp_rollups.cpp" line="+33"/>
        <source>%1 UTC · %2 · %3 · %4 retransmits</source>
        <translation>%1 UTC · %2 · %3 · %4 Retransmissionen</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Not enough traffic to grade this device yet</source>
        <translation>Noch nicht genug Verkehr, um dieses Gerät zu bewerten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 sessions seen, none longer than %2 s with RTT readings</source>
        <translation>%1 Sitzungen gesehen, keine länger als %2 s mit RTT-Messwerten</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This device is performing well</source>
        <translation>Die Verbindungen dieses Geräts laufen gut</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This device is usable, but some connections are slow</source>
        <translation>Dieses Gerät ist nutzbar, aber einige Verbindungen sind langsam</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This device&apos;s connections are performing poorly</source>
        <translation>Die Verbindungen dieses Geräts laufen schlecht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of sessions clean · median %2 · %3 retransmits</source>
        <translation>%1 der Sitzungen sauber · Median %2 · %3 Retransmissionen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No hiccups: every graded session was clean</source>
        <translation>Keine Aussetzer: Jede bewertete Sitzung war sauber</translation>
    </message>
</context>
<context>
    <name>DisplayNames</name>
    <message>
        <location filename="../core/report/display_names.cpp" line="+14"/>
        <source>probe results</source>
        <translation>Probe-Ergebnisse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss bursts</source>
        <translation>Verlustbursts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TCP sessions</source>
        <translation>TCP-Sitzungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TCP readings</source>
        <translation>TCP-Messwerte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wi-Fi readings</source>
        <translation>WLAN-Messwerte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>traces</source>
        <translation>Traces</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>trace hops</source>
        <translation>Trace-Hops</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mesh results</source>
        <translation>Mesh-Ergebnisse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fleet reports</source>
        <translation>Flottenberichte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>capacity estimates</source>
        <translation>Kapazitätsschätzungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deep diagnoses</source>
        <translation>Tiefendiagnosen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>throughput tests</source>
        <translation>Durchsatztests</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Route change</source>
        <translation>Routenänderung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wi-Fi roam</source>
        <translation>WLAN-Roaming</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wi-Fi generation drop</source>
        <translation>WLAN-Generation gesunken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wi-Fi channel narrowed</source>
        <translation>WLAN-Kanal schmaler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wi-Fi streams drop</source>
        <translation>Weniger WLAN-Streams</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wi-Fi disconnected</source>
        <translation>WLAN getrennt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wi-Fi reconnected</source>
        <translation>WLAN wieder verbunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network interface</source>
        <translation>Netzwerkschnittstelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+23"/>
        <source>TCP statistics</source>
        <translation>TCP-Statistik</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+23"/>
        <source>Probes</source>
        <translation>Probes</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Probe target</source>
        <translation>Probe-Ziel</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+22"/>
        <source>Traceroute</source>
        <translation>Traceroute</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Traceroute failed</source>
        <translation>Traceroute fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collector</source>
        <translation>Kollektor</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+21"/>
        <source>STAMP reflector</source>
        <translation>STAMP-Reflektor</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+21"/>
        <source>Mesh</source>
        <translation>Mesh</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+21"/>
        <source>Fleet bus</source>
        <translation>Flotten-Bus</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+21"/>
        <source>Wi-Fi</source>
        <translation>WLAN</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Network interfaces</source>
        <translation>Netzwerkschnittstellen</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Excellent</source>
        <translation>Sehr gut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Good</source>
        <translation>Gut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fair</source>
        <translation>Mäßig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poor</source>
        <translation>Schlecht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ungraded</source>
        <translation>Nicht bewertet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>superior</source>
        <translation>hervorragend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>excellent</source>
        <translation>sehr gut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>good</source>
        <translation>gut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fair</source>
        <translation>mäßig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>impaired</source>
        <translation>beeinträchtigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>broken</source>
        <translation>unbrauchbar</translation>
    </message>
</context>
<context>
    <name>FleetRanking</name>
    <message numerus="yes">
        <location filename="../core/fleet/fleet_ranking.cpp" line="+106"/>
        <source>%n device(s) reporting, none graded yet</source>
        <translation>
            <numerusform>%n Gerät meldet, noch keines bewertet</numerusform>
            <numerusform>%n Geräte melden, noch keines bewertet</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 not graded yet</source>
        <translation>%1 noch nicht bewertet</translation>
    </message>
</context>
<context>
    <name>KioskFault</name>
    <message numerus="yes">
        <location filename="../views/kiosk/kiosk_fault.cpp" line="+82"/>
        <source>%n more stopped</source>
        <translation>
            <numerusform>%n weiterer angehalten</numerusform>
            <numerusform>%n weitere angehalten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MeshHeatmap</name>
    <message>
        <location filename="../core/report/display_names.cpp" line="-28"/>
        <source>within its best</source>
        <translation>im eigenen Bestbereich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>marginal</source>
        <translation>grenzwertig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>outside its best</source>
        <translation>außerhalb des eigenen Bestbereichs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>down</source>
        <translation>ausgefallen</translation>
    </message>
    <message>
        <location filename="../views/mesh/mesh_heatmap.cpp" line="+43"/>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queueing</source>
        <translation>Warteschlange</translation>
    </message>
</context>
<context>
    <name>NatMapping</name>
    <message>
        <location filename="../core/nat/nat_mapping.cpp" line="+23"/>
        <source>not known (no STUN answer)</source>
        <translation>unbekannt (keine STUN-Antwort)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no NAT: peers reach this address directly</source>
        <translation>kein NAT: Gegenstellen erreichen diese Adresse direkt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>NAT keeps one public port for every destination: hole punching works</source>
        <translation>NAT behält für jedes Ziel denselben öffentlichen Port: Hole Punching funktioniert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>NAT picks a new public port per destination (symmetric): punching needs port prediction, else a relay</source>
        <translation>NAT wählt je Ziel einen neuen öffentlichen Port (symmetrisch): Hole Punching braucht Portvorhersage, sonst ein Relay</translation>
    </message>
</context>
<context>
    <name>ProbeKind</name>
    <message>
        <location filename="../core/active/probe_kind.cpp" line="+14"/>
        <source>ICMP echo</source>
        <translation>ICMP Echo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ping: the far host&apos;s kernel answers, so no application delay is included</source>
        <translation>Ping: Der Kernel des entfernten Hosts antwortet, daher ist keine Verzögerung durch Anwendungen enthalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DNS query (UDP)</source>
        <translation>DNS-Abfrage (UDP)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A minimal A query sent straight to a resolver; the transaction id is checked</source>
        <translation>Eine minimale A-Abfrage direkt an einen Resolver; die Transaktions-ID wird geprüft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TCP connect</source>
        <translation>TCP-Verbindungsaufbau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time from SYN to SYN-ACK, then the connection is closed</source>
        <translation>Zeit von SYN bis SYN-ACK, danach wird die Verbindung geschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTTP request</source>
        <translation>HTTP-Anfrage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An HTTP HEAD request: name lookup, connect, TLS and first byte, reusing kept connections</source>
        <translation>Eine HTTP-HEAD-Anfrage: Namensauflösung, Verbindungsaufbau, TLS und erstes Byte, bestehende Verbindungen werden wiederverwendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System resolver</source>
        <translation>System-Resolver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A name lookup through the system resolver: what applications see, cache included</source>
        <translation>Eine Namensauflösung über den System-Resolver: das, was Anwendungen sehen, Cache inbegriffen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>QUIC handshake</source>
        <translation>QUIC-Handshake</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A full QUIC and TLS 1.3 handshake over UDP (HTTP/3), then closed: TCP accelerators cannot intercept it</source>
        <translation>Ein vollständiger QUIC- und TLS-1.3-Handshake über UDP (HTTP/3), danach geschlossen: TCP-Beschleuniger können ihn nicht abfangen</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../views/timeline/aligned_timeline_chart.cpp" line="+31"/>
        <source>Each 5-minute slot coloured by the worst graded TCP session of the device (top lane) or of that app touching it; grey: idle</source>
        <translation>Jedes 5-Minuten-Intervall in der Farbe der am schlechtesten bewerteten TCP-Sitzung des Geräts (oberste Spur) oder der App, die es berührt; grau: Leerlauf</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Round-trip time to your router: the band runs from the fastest to the slowest answer in each pixel column; red ticks below are lost probes</source>
        <translation>Umlaufzeit (RTT) zu Ihrem Router: Das Band reicht je Pixelspalte von der schnellsten bis zur langsamsten Antwort; rote Striche darunter sind verlorene Probes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Round-trip time to an internet target, beyond the router: slow here but clean at the gateway means the trouble is upstream</source>
        <translation>Umlaufzeit (RTT) zu einem Internetziel hinter dem Router: hier langsam, am Gateway aber sauber, heißt, das Problem liegt weiter stromaufwärts</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Received signal strength of the Wi-Fi link, read every 10 s (−50 dBm or more is strong, under −70 dBm weak); shaded where not connected</source>
        <translation>Empfangene Signalstärke der WLAN-Verbindung, alle 10 s gelesen (ab −50 dBm stark, unter −70 dBm schwach); schraffiert, wo nicht verbunden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The Wi-Fi link&apos;s transmit (solid) and receive (dashed) PHY rate as the driver reports it</source>
        <translation>Sende- (durchgezogen) und Empfangs-PHY-Rate (gestrichelt) der WLAN-Verbindung, wie der Treiber sie meldet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss bursts, route changes, roams and other Wi-Fi events; their lines cross every row</source>
        <translation>Verlustbursts, Routenänderungen, Roaming und andere WLAN-Ereignisse; ihre Linien kreuzen jede Zeile</translation>
    </message>
</context>
<context>
    <name>TimelineCallouts</name>
    <message>
        <location filename="../core/timeline/timeline_callouts.cpp" line="+162"/>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a roam</source>
        <translation>einem Roaming</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a PHY-mode drop</source>
        <translation>einem Abfall des PHY-Modus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a channel-width drop</source>
        <translation>einer schmaleren Kanalbreite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a stream drop</source>
        <translation>weniger Streams</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a disconnect</source>
        <translation>einer Trennung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a reconnect</source>
        <translation>einer Neuverbindung</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>RSSI </source>
        <translation>RSSI </translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+10"/>
        <source>with </source>
        <translation>mit </translation>
    </message>
    <message>
        <location line="-3"/>
        <source>the gateway slower (%1 → %2)</source>
        <translation>langsamerem Gateway (%1 → %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>loss at the gateway</source>
        <translation>Verlust am Gateway</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 – %2 UTC</source>
        <translation>%1 – %2 UTC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internet RTT %1 before, %2 during (minute medians; worst minute %3)</source>
        <translation>Internet-RTT %1 vorher, %2 währenddessen (Minuten-Mediane; schlechteste Minute %3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Gateway: no readings</source>
        <translation>Gateway: keine Messwerte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gateway RTT %1 before, %2 during%3</source>
        <translation>Gateway-RTT %1 vorher, %2 währenddessen%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (up)</source>
        <translation> (gestiegen)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> (clean)</source>
        <translation> (sauber)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gateway RTT: no readings before or during</source>
        <translation>Gateway-RTT: keine Messwerte vorher oder währenddessen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gateway loss bursts: %1</source>
        <translation>Verlustbursts am Gateway: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wi-Fi RSSI median %1</source>
        <translation>WLAN-RSSI, Median %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wi-Fi: no readings</source>
        <translation>WLAN: keine Messwerte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 route change: %2</source>
        <translation>%1 Routenänderung: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Local radio</source>
        <translation>Lokaler Funk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local network</source>
        <translation>Lokales Netz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upstream</source>
        <translation>Hinter dem Router</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Route change</source>
        <translation>Routenänderung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cause unknown</source>
        <translation>Ursache unbekannt</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Latency rose at %1 UTC for %2 min</source>
        <translation>Latenz stieg um %1 UTC für %2 min</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 %2: local radio, likely (no gateway readings to tell where)</source>
        <translation>%1 %2: vermutlich lokaler Funk (keine Gateway-Messwerte, um den Ort zu bestimmen)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 as the route changed: route change, likely (no gateway readings to tell where)</source>
        <translation>%1, als sich die Route änderte: vermutlich Routenänderung (keine Gateway-Messwerte, um den Ort zu bestimmen)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: no gateway readings to tell where</source>
        <translation>%1: keine Gateway-Messwerte, um den Ort zu bestimmen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 %2: local radio</source>
        <translation>%1 %2: lokaler Funk</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 %2: local network</source>
        <translation>%1 %2: lokales Netz</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 as the route changed, gateway clean: route change</source>
        <translation>%1, als sich die Route änderte, Gateway sauber: Routenänderung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, gateway clean, internet slow: upstream</source>
        <translation>%1, Gateway sauber, Internet langsam: hinter dem Router</translation>
    </message>
</context>
<context>
    <name>WifiLinkText</name>
    <message>
        <location filename="../core/wifi/wifi_link_text.cpp" line="+132"/>
        <source> ch %1</source>
        <translation> Kanal %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <location line="+61"/>
        <source>1 stream</source>
        <translation>1 Stream</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 streams</source>
        <translation>%1 Streams</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+25"/>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <location line="-8"/>
        <source> — link rate </source>
        <translation> – Verbindungsrate </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The driver reports no PHY mode to judge the ceiling from</source>
        <translation>Der Treiber meldet keinen PHY-Modus, aus dem sich die Obergrenze ableiten ließe</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Legacy %1rates cap this link near %2</source>
        <translation>Ältere %1Raten begrenzen diese Verbindung auf etwa %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No %1 rate exists at %2 with %3</source>
        <translation>Bei %2 mit %3 gibt es keine %1-Rate</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>one stream</source>
        <translation>ein einzelner Stream</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, %2 and %3 allow this link near %4</source>
        <translation>%1, %2 und %3 erlauben dieser Verbindung etwa %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 %2 this link near %3</source>
        <translation>%1 %2 diese Verbindung auf etwa %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>caps</source>
        <translation>begrenzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cap</source>
        <translation>begrenzen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source> from a weak signal (%1)</source>
        <translation> wegen eines schwachen Signals (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> holds it near %1 now</source>
        <translation> hält sie derzeit bei etwa %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> holds it well below that now</source>
        <translation> hält sie derzeit deutlich darunter</translation>
    </message>
</context>
<context>
    <name>pathlens::core</name>
    <message>
        <location filename="../core/active/probe_banners.cpp" line="+19"/>
        <source>ICMP is answered close to you (ICMP median %1, other protocols up to %2): something on the path replies to pings itself. Latency ratings use HTTP instead.</source>
        <translation>ICMP wird nahe bei Ihnen beantwortet (ICMP-Median %1, andere Protokolle bis %2): Etwas auf dem Pfad beantwortet Pings selbst. Die Latenzbewertung nutzt stattdessen HTTP.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>to %1</source>
        <translation>zu %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>over all targets</source>
        <translation>über alle Ziele</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;TCP acceleration detected.&lt;/b&gt; A performance-enhancing proxy (a &amp;ldquo;TCP accelerator&amp;rdquo;, common on satellite links) answers TCP connections itself, close to you, and carries the data over the satellite leg on its own. TCP connect times therefore look local (median %1) while a QUIC handshake, which it cannot intercept, shows the real path (median %2, %3× longer, %4; %5 and %6 probes). The path&apos;s latency is the QUIC and ICMP figure: the accelerator hides only TCP&apos;s own handshake, the data still crosses the satellite.</source>
        <translation>&lt;b&gt;TCP-Beschleunigung erkannt.&lt;/b&gt; Ein Performance Enhancing Proxy (ein &amp;bdquo;TCP-Beschleuniger&amp;ldquo;, üblich auf Satellitenstrecken) beantwortet TCP-Verbindungen selbst, nahe bei Ihnen, und transportiert die Daten eigenständig über die Satellitenstrecke. TCP-Verbindungsaufbauzeiten wirken deshalb lokal (Median %1), während ein QUIC-Handshake, den er nicht abfangen kann, den echten Pfad zeigt (Median %2, %3× länger, %4; %5 und %6 Probes). Die Latenz des Pfads ist der QUIC- und ICMP-Wert: Der Beschleuniger verbirgt nur den TCP-Handshake selbst, die Daten laufen trotzdem über den Satelliten.</translation>
    </message>
    <message>
        <location filename="../core/fleet/fleet_ranking.cpp" line="-11"/>
        <source>No devices have reported on the fleet bus yet</source>
        <translation>Noch keine Geräte haben sich auf dem Flotten-Bus gemeldet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fleet has trouble</source>
        <translation>Flotte hat Probleme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fleet needs attention</source>
        <translation>Flotte braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fleet is healthy</source>
        <translation>Flotte ist in Ordnung</translation>
    </message>
    <message>
        <location filename="../core/load/load_progress.cpp" line="+26"/>
        <source>Round %1 of %2</source>
        <translation>Runde %1 von %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Round %1</source>
        <translation>Runde %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test now</source>
        <translation>Jetzt testen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next throughput round at %1</source>
        <translation>Nächste Durchsatzrunde um %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No throughput test scheduled</source>
        <translation>Kein Durchsatztest geplant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>calibrating</source>
        <translation>Kalibrierung läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>testing download…</source>
        <translation>teste Download …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>testing upload…</source>
        <translation>teste Upload …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <location filename="../core/load/load_text.cpp" line="+46"/>
        <location filename="../core/report/html_report.cpp" line="+189"/>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../core/report/html_report.cpp" line="+1"/>
        <source>Upload</source>
        <translation>Upload</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>calibration</source>
        <translation>Kalibrierung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>out of family — retested</source>
        <translation>Ausreißer – erneut getestet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>retest</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>calibration stopped early (noisy or slow link)</source>
        <translation>Kalibrierung vorzeitig beendet (verrauschte oder langsame Verbindung)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>skipped: data budget</source>
        <translation>übersprungen: Datenbudget</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>rate limited (HTTP %1)</source>
        <translation>Rate begrenzt (HTTP %1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>fallback server</source>
        <translation>Ausweichserver</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>on demand</source>
        <translation>auf Anforderung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>round %1</source>
        <translation>Runde %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Your router (gateway)</source>
        <translation>Ihr Router (Gateway)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The internet</source>
        <translation>Das Internet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>idle</source>
        <translation>Leerlauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>downloading</source>
        <translation>beim Download</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>uploading</source>
        <translation>beim Upload</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 downloading</source>
        <translation>%1 beim Download</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 uploading</source>
        <translation>%1 beim Upload</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>too few idle pings to compare with</source>
        <translation>zu wenige Pings im Leerlauf zum Vergleich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>too few pings during the tests</source>
        <translation>zu wenige Pings während der Tests</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 RPM</source>
        <translation>%1 RPM</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Not enough pings around the tests yet to tell where delay builds up (at least 3 per class, idle and loaded).</source>
        <translation>Noch nicht genug Pings rund um die Tests, um zu sagen, wo sich Verzögerung aufbaut (mindestens 3 je Klasse, im Leerlauf und unter Last).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Neither your router nor the internet slows down much under load: no queue worth naming on this link.</source>
        <translation>Weder Ihr Router noch das Internet werden unter Last deutlich langsamer: keine nennenswerte Warteschlange auf dieser Verbindung.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pings to your router stay low while internet pings rise: the queue sits beyond your router (the modem, the access line or your provider&apos;s network).</source>
        <translation>Pings zu Ihrem Router bleiben niedrig, während Internet-Pings steigen: Die Warteschlange liegt hinter Ihrem Router (Modem, Anschlussleitung oder das Netz Ihres Providers).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pings to your router rise too: the queue sits in your own network or its uplink (Wi-Fi, the local link, the router itself).</source>
        <translation>Auch Pings zu Ihrem Router steigen: Die Warteschlange liegt in Ihrem eigenen Netz oder dessen Uplink (WLAN, lokale Verbindung, der Router selbst).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Internet pings rise under load, but without pings to your router it cannot be told whether the queue sits in your own network or beyond it.</source>
        <translation>Internet-Pings steigen unter Last, aber ohne Pings zu Ihrem Router lässt sich nicht sagen, ob die Warteschlange in Ihrem eigenen Netz liegt oder dahinter.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Median of the last 5 tests of each direction: 4 parallel HTTP streams to the throughput server, sized by calibration to last about 4 s (15 s on a satellite link). Calibration steps and out-of-family results (more than 50 % off the recent median) are left out. Tiers: download superior ≥ 200, excellent ≥ 100, good ≥ 25, fair ≥ 12, impaired ≥ 3 Mbit/s; upload superior ≥ 100, excellent ≥ 25, good ≥ 5, fair ≥ 1, impaired ≥ 0.5 Mbit/s.</source>
        <translation>Median der letzten 5 Tests je Richtung: 4 parallele HTTP-Streams zum Durchsatzserver, per Kalibrierung so bemessen, dass sie etwa 4 s dauern (15 s auf einer Satellitenstrecke). Kalibrierschritte und Ausreißer (mehr als 50 % vom aktuellen Median entfernt) bleiben außen vor. Stufen: Download hervorragend ≥ 200, sehr gut ≥ 100, gut ≥ 25, mäßig ≥ 12, beeinträchtigt ≥ 3 Mbit/s; Upload hervorragend ≥ 100, sehr gut ≥ 25, gut ≥ 5, mäßig ≥ 1, beeinträchtigt ≥ 0,5 Mbit/s.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Bufferbloat: how much longer a ping takes while a test fills the link (median of the loaded pings minus median of the idle ones within 10 minutes of the tests). Pings 0.5 s before and 2 s after a test count as neither. Rated excellent &lt; 20 ms, good &lt; 50, fair &lt; 100, impaired &lt; 200, broken ≥ 200 ms; the worse direction decides.</source>
        <translation>Bufferbloat: wie viel länger ein Ping dauert, während ein Test die Leitung füllt (Median der Pings unter Last minus Median der Pings im Leerlauf innerhalb von 10 Minuten um die Tests). Pings 0,5 s vor und 2 s nach einem Test zählen zu keiner Gruppe. Bewertet als sehr gut &lt; 20 ms, gut &lt; 50, mäßig &lt; 100, beeinträchtigt &lt; 200, unbrauchbar ≥ 200 ms; die schlechtere Richtung entscheidet.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Responsiveness in round trips per minute: 60,000 ÷ the median loaded ping in ms (the worse direction). Higher is better; what a video call or a game feels while something else downloads.</source>
        <translation>Reaktivität in Umläufen pro Minute: 60.000 ÷ Median-Ping unter Last in ms (die schlechtere Richtung). Höher ist besser; das, was ein Videoanruf oder ein Spiel spürt, während etwas anderes herunterlädt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Pings within 10 minutes of a test, but not during one (nor 0.5 s before or 2 s after)</source>
        <translation>Pings innerhalb von 10 Minuten um einen Test, aber nicht währenddessen (auch nicht 0,5 s davor oder 2 s danach)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pings sent while a download test filled the link</source>
        <translation>Pings, gesendet während ein Download-Test die Leitung füllte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pings sent while an upload test filled the link</source>
        <translation>Pings, gesendet während ein Upload-Test die Leitung füllte</translation>
    </message>
    <message>
        <location filename="../core/report/html_report.cpp" line="-85"/>
        <location line="+74"/>
        <location line="+132"/>
        <location line="+306"/>
        <source>not measured</source>
        <translation>nicht gemessen</translation>
    </message>
    <message>
        <location line="-456"/>
        <source>This device&apos;s connections</source>
        <translation>Verbindungen dieses Geräts</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>latency %1</source>
        <translation>Latenz %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>loss %1</source>
        <translation>Verlust %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Network quality</source>
        <translation>Netzqualität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The network measured %1 overall</source>
        <translation>Das Netz wurde insgesamt mit %1 gemessen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (too little TCP traffic to grade the device&apos;s connections)</source>
        <translation> (zu wenig TCP-Verkehr, um die Verbindungen des Geräts zu bewerten)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verdict</source>
        <translation>Befund</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The capture holds neither graded TCP sessions nor enough probe results to rate the link.</source>
        <translation>Die Aufzeichnung enthält weder bewertete TCP-Sitzungen noch genug Probe-Ergebnisse, um die Verbindung einzustufen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Overall</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+225"/>
        <location line="+230"/>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location line="-454"/>
        <location line="+252"/>
        <source>Bufferbloat</source>
        <translation>Bufferbloat</translation>
    </message>
    <message>
        <location line="-251"/>
        <source>Wi-Fi signal</source>
        <translation>WLAN-Signal</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not measured: the capture has too few probe results to rate the link.</source>
        <translation>Nicht gemessen: Die Aufzeichnung enthält zu wenige Probe-Ergebnisse, um die Verbindung einzustufen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>These tiers rate the link from Pathlens&apos;s own probes and tests; the verdict above grades the apps&apos; TCP sessions.</source>
        <translation>Diese Stufen bewerten die Verbindung anhand der eigenen Probes und Tests von Pathlens; der Befund oben bewertet die TCP-Sitzungen der Apps.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Satellite (GEO) link: median round trips above 400 ms, so latency is rated on the GEO scale.</source>
        <translation>Satellitenstrecke (GEO): Median-Umlaufzeiten über 400 ms, daher wird die Latenz nach der GEO-Skala bewertet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quality tiers</source>
        <translation>Qualitätsstufen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>On this path</source>
        <translation>Auf diesem Pfad</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+14"/>
        <source>Apps</source>
        <translation>Apps</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Not measured: no TCP sessions in this capture.</source>
        <translation>Nicht gemessen: keine TCP-Sitzungen in dieser Aufzeichnung.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (%2 graded)</source>
        <translation>%1 (%2 bewertet)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Grade</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Median RTT</source>
        <translation>Median-RTT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Retransmits</source>
        <translation>Retransmissionen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Queueing</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Down</source>
        <translation>Download</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Up</source>
        <translation>Upload</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last hiccup:</source>
        <translation>Letzter Aussetzer:</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+160"/>
        <source> (gateway)</source>
        <translation> (Gateway)</translation>
    </message>
    <message>
        <location line="-147"/>
        <source>Median and 95th percentile round trip per target</source>
        <translation>Median und 95. Perzentil der Umlaufzeit je Ziel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>median</source>
        <translation>Median</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+148"/>
        <source>95th percentile</source>
        <translation>95. Perzentil</translation>
    </message>
    <message>
        <location line="-117"/>
        <source>Median round trip per protocol: your router and the internet</source>
        <translation>Median-Umlaufzeit je Protokoll: Ihr Router und das Internet</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Round trip over the capture, per target</source>
        <translation>Umlaufzeit über die Aufzeichnung, je Ziel</translation>
    </message>
    <message>
        <location line="+32"/>
        <source> UTC</source>
        <translation> UTC</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+24"/>
        <source>Latency and protocols</source>
        <translation>Latenz und Protokolle</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Not measured: no probe answered in this capture.</source>
        <translation>Nicht gemessen: Keine Probe wurde in dieser Aufzeichnung beantwortet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Round trip per target</source>
        <translation>Umlaufzeit je Ziel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Protocols compared</source>
        <translation>Protokolle im Vergleich</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Round trip over time</source>
        <translation>Umlaufzeit im Zeitverlauf</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+56"/>
        <source>Probe</source>
        <translation>Probe</translation>
    </message>
    <message>
        <location line="-56"/>
        <location line="+56"/>
        <location line="+34"/>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Median</source>
        <translation>Median</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>MOS</source>
        <translation>MOS</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+23"/>
        <source>Under load</source>
        <translation>Unter Last</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Not measured: no throughput test ran during this capture.</source>
        <translation>Nicht gemessen: Während dieser Aufzeichnung lief kein Durchsatztest.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+76"/>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Pings to</source>
        <translation>Pings zu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rise under load</source>
        <translation>Anstieg unter Last</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Responsiveness</source>
        <translation>Reaktivität</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overall bufferbloat rating: %1.</source>
        <translation>Bufferbloat-Bewertung gesamt: %1.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+15"/>
        <source>Loss bursts</source>
        <translation>Verlustbursts</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Not measured: no probes in this capture.</source>
        <translation>Nicht gemessen: keine Probes in dieser Aufzeichnung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None: no run of %1 or more lost probes.</source>
        <translation>Keine: keine Folge von %1 oder mehr verlorenen Probes.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 so far</source>
        <translation>%1 bisher</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 burst of %2 or more consecutive lost probes.</source>
        <translation>1 Burst von %2 oder mehr aufeinanderfolgenden verlorenen Probes.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 bursts of %2 or more consecutive lost probes.</source>
        <translation>%1 Bursts von %2 oder mehr aufeinanderfolgenden verlorenen Probes.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start (UTC)</source>
        <translation>Beginn (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Probes lost</source>
        <translation>Verlorene Probes</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+213"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="-213"/>
        <source>Into the 15 s cycle</source>
        <translation>Position im 15-s-Zyklus</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+154"/>
        <source>… and %1 more.</source>
        <translation>… und %1 weitere.</translation>
    </message>
    <message>
        <location line="-134"/>
        <location line="+15"/>
        <source>Capacity</source>
        <translation>Kapazität</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Not measured: no packet-train estimate in this capture.</source>
        <translation>Nicht gemessen: keine Paketzug-Schätzung in dieser Aufzeichnung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not measured: every estimate was doubtful (too much cross traffic or loss).</source>
        <translation>Nicht gemessen: Jede Schätzung war zweifelhaft (zu viel Querverkehr oder Verlust).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>towards it</source>
        <translation>zum Ziel hin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from it</source>
        <translation>vom Ziel her</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>round trip</source>
        <translation>hin und zurück</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Utilised</source>
        <translation>Genutzt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Measured (UTC)</source>
        <translation>Gemessen (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total is the narrow link&apos;s capacity; utilised is what other traffic was using at the time; available is the difference.</source>
        <translation>Gesamt ist die Kapazität des engsten Abschnitts (Engpass); genutzt ist, was anderer Verkehr zu der Zeit belegte; verfügbar ist die Differenz.</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+48"/>
        <source>Path to %1</source>
        <translation>Pfad zu %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Path from %1 to %2</source>
        <translation>Pfad von %1 zu %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 hop</source>
        <translation>1 Hop</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 hops</source>
        <translation>%1 Hops</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 UTC · %2, %3 silent · %4</source>
        <translation>%1 UTC · %2, %3 stumm · %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>reached</source>
        <translation>erreicht</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../core/trace/path_labels.cpp" line="+74"/>
        <source>not reached</source>
        <translation>nicht erreicht</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+4"/>
        <source>Paths</source>
        <translation>Pfade</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Not measured: no trace in this capture.</source>
        <translation>Nicht gemessen: kein Trace in dieser Aufzeichnung.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Route changes during the capture: %1.</source>
        <translation>Routenänderungen während der Aufzeichnung: %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+20"/>
        <source>Wi-Fi</source>
        <translation>WLAN</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Not measured: no Wi-Fi readings (a wired link, or the reader was off).</source>
        <translation>Nicht gemessen: keine WLAN-Messwerte (kabelgebundene Verbindung, oder die Erfassung war aus).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Interface</source>
        <translation>Schnittstelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signal (median, last 10 minutes)</source>
        <translation>Signal (Median, letzte 10 Minuten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Readings</source>
        <translation>Messwerte</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>When (UTC)</source>
        <translation>Zeitpunkt (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+12"/>
        <source>Mesh</source>
        <translation>Mesh</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Not measured: no mesh agents in this capture.</source>
        <translation>Nicht gemessen: keine Mesh-Agenten in dieser Aufzeichnung.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>Nach</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Round trip (smoothed)</source>
        <translation>Umlaufzeit (geglättet)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Capacity towards it</source>
        <translation>Kapazität zum Ziel hin</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Against its best</source>
        <translation>Im Vergleich zum eigenen Bestwert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cycles</source>
        <translation>Zyklen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paths between agents</source>
        <translation>Pfade zwischen Agenten</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capture ID</source>
        <translation>Aufzeichnungs-ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operating system</source>
        <translation>Betriebssystem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kernel</source>
        <translation>Kernel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Interfaces</source>
        <translation>Schnittstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded by</source>
        <translation>Aufgezeichnet von</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pathlens %1</source>
        <translation>Pathlens %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Started (UTC)</source>
        <translation>Beginn (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended (UTC)</source>
        <translation>Ende (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>still recording when this report was made</source>
        <translation>lief noch, als dieser Bericht erstellt wurde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First sample (UTC)</source>
        <translation>Erster Messwert (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last sample (UTC)</source>
        <translation>Letzter Messwert (UTC)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recorded</source>
        <translation>Aufgezeichnet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The capture</source>
        <translation>Die Aufzeichnung</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>How Pathlens measures and grades: see docs/methodology.md in the Pathlens documentation.</source>
        <translation>Wie Pathlens misst und bewertet: siehe docs/methodology.md in der Pathlens-Dokumentation.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How Pathlens measures and grades:</source>
        <translation>Wie Pathlens misst und bewertet:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · %1 to %2 UTC</source>
        <translation> · %1 bis %2 UTC</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pathlens report</source>
        <translation>Pathlens-Bericht</translation>
    </message>
    <message>
        <location filename="../core/trace/path_labels.cpp" line="-24"/>
        <source>  · rate-limited</source>
        <translation>  · Rate begrenzt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This device</source>
        <translation>Dieses Gerät</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>local address unknown</source>
        <translation>lokale Adresse unbekannt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>public (NAT)</source>
        <translation>öffentlich (NAT)</translation>
    </message>
</context>
<context>
    <name>pathlens::views</name>
    <message>
        <location filename="../views/kiosk/kiosk_fault.cpp" line="-41"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No measurements for %1</source>
        <translation>Keine Messwerte seit %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Link down: no probe answered for %1</source>
        <translation>Verbindung ausgefallen: seit %1 hat keine Probe geantwortet</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 stopped</source>
        <translation>%1 angehalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 failed, restarting</source>
        <translation>%1 fehlgeschlagen, wird neu gestartet</translation>
    </message>
    <message>
        <location filename="../views/load/bufferbloat_panel_layout.cpp" line="+31"/>
        <source>%1 · p95 %2</source>
        <translation>%1 · p95 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no pings</source>
        <translation>keine Pings</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>too few pings (%1)</source>
        <translation>zu wenige Pings (%1)</translation>
    </message>
    <message>
        <location filename="../views/mesh/mesh_link_text.cpp" line="+32"/>
        <source>relayed: these figures measure the path through the relay</source>
        <translation>über Relay: Diese Werte messen den Pfad über das Relay</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>same LAN</source>
        <translation>gleiches LAN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>through NAT (hole-punched)</source>
        <translation>über NAT (Hole Punching)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>direct</source>
        <translation>direkt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no way found</source>
        <translation>kein Weg gefunden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;%1 → %2&lt;/b&gt; via %3 (%4)</source>
        <translation>&lt;b&gt;%1 → %2&lt;/b&gt; über %3 (%4)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;down&lt;/b&gt;: no way to reach it at %1 UTC</source>
        <translation>&lt;b&gt;ausgefallen&lt;/b&gt;: um %1 UTC kein Weg zur Gegenstelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tried: %1</source>
        <translation>versucht: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;down&lt;/b&gt;: none of %1 test packets answered at %2 UTC</source>
        <translation>&lt;b&gt;ausgefallen&lt;/b&gt;: keines von %1 Testpaketen wurde um %2 UTC beantwortet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>round trip %1, smoothed %2, best %3</source>
        <translation>Umlaufzeit %1, geglättet %2, bester Wert %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss → %1 ← %2 · queueing → %3 ← %4</source>
        <translation>Verlust → %1 ← %2 · Warteschlange → %3 ← %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>capacity → %1 ← %2 (best → %3)</source>
        <translation>Kapazität → %1 ← %2 (bester Wert → %3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>capacity: %1</source>
        <translation>Kapazität: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 cycles, last %2 UTC</source>
        <translation>%1 Zyklen, zuletzt %2 UTC</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>way found: %1</source>
        <translation>Weg gefunden: %1</translation>
    </message>
    <message>
        <location filename="../views/shell/page_catalog.cpp" line="+18"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Device verdict and 24-hour timeline</source>
        <translation>Gerätebefund und 24-Stunden-Zeitleiste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The verdict card grades this device from the TCP sessions your apps already run (no test traffic). It appears once three sessions longer than half a second have been seen.</source>
        <translation>Die Befundkarte bewertet dieses Gerät anhand der TCP-Sitzungen, die Ihre Apps ohnehin aufbauen (kein Testverkehr). Sie erscheint, sobald drei Sitzungen mit mehr als einer halben Sekunde Dauer beobachtet wurden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../views/timeline/aligned_timeline_rows.cpp" line="+42"/>
        <location line="+4"/>
        <source>Apps</source>
        <translation>Apps</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Every app that used the network, graded worst first</source>
        <translation>Jede App, die das Netz genutzt hat, die schlechteste zuerst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per-app round-trip time, retransmits, queueing delay and throughput come from kernel TCP statistics. Apps appear after their first qualifying session.</source>
        <translation>Umlaufzeit, Retransmissionen, Warteschlangenverzögerung und Durchsatz je App stammen aus der TCP-Statistik des Kernels. Apps erscheinen nach ihrer ersten auswertbaren Sitzung.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gateway and internet round-trip times, live</source>
        <translation>Umlaufzeiten zu Gateway und Internet, live</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active probes (ICMP, UDP DNS, TCP, HTTP) tell local trouble from upstream trouble. Samples appear here once the probe engine has answers.</source>
        <translation>Aktive Probes (ICMP, UDP-DNS, TCP, HTTP) unterscheiden lokale Probleme von Problemen weiter im Netz. Messwerte erscheinen hier, sobald die Probe-Engine Antworten hat.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The route to a target, hop by hop</source>
        <translation>Die Route zu einem Ziel, Hop für Hop</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A trace shows where latency is added and which hops stay silent (silent hops are normal). It appears after the first traceroute completes.</source>
        <translation>Ein Trace zeigt, wo Latenz hinzukommt und welche Hops stumm bleiben (stumme Hops sind normal). Er erscheint, sobald der erste Traceroute fertig ist.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capacity</source>
        <translation>Kapazität</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Path capacity from packet trains, and where a path goes wrong</source>
        <translation>Pfadkapazität aus Paketzügen, und wo ein Pfad gestört ist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short trains of test packets estimate a path&apos;s total, available and utilised capacity; a confirmed dysfunction starts a deep diagnosis of every hop. Record them with pathlens-agent run --capture FILE --capacity-target HOST and open that capture here (pathlens-agent capacity HOST measures once, in a terminal).</source>
        <translation>Kurze Züge von Testpaketen schätzen die gesamte, verfügbare und genutzte Kapazität eines Pfads; eine bestätigte Störung startet eine Tiefendiagnose jedes Hops. Aufzeichnen mit pathlens-agent run --capture DATEI --capacity-target HOST und diese Aufzeichnung hier öffnen (pathlens-agent capacity HOST misst einmal, im Terminal).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Under load</source>
        <translation>Unter Last</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Throughput, and what a busy link does to latency</source>
        <translation>Durchsatz, und was eine ausgelastete Leitung mit der Latenz macht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Throughput tests fill the link on purpose, while pings to your router and to the internet show how much delay the load adds, and where. Tests need a server across the link: run pathlens-agent serve on a machine there, start Pathlens with --speed-server http://HOST:8080 and press Test now (Ctrl+T), or open a capture recorded with pathlens-agent run --speed-server.</source>
        <translation>Durchsatztests füllen die Leitung absichtlich, während Pings zu Ihrem Router und ins Internet zeigen, wie viel Verzögerung die Last hinzufügt und wo. Tests brauchen einen Server auf der anderen Seite der Leitung: Starten Sie dort pathlens-agent serve, starten Sie Pathlens mit --speed-server http://HOST:8080 und drücken Sie „Jetzt testen“ (Strg+T), oder öffnen Sie eine mit pathlens-agent run --speed-server aufgezeichnete Aufzeichnung.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mesh</source>
        <translation>Mesh</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Agent-to-agent latency and throughput heat-maps</source>
        <translation>Latenz- und Durchsatz-Heatmaps zwischen Agenten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each cell compares one direction of one link with its own best. Start pathlens-agent on two or more machines of a fleet (--peer NAME=ADDRESS, or --bus to find each other) to fill it.</source>
        <translation>Jede Zelle vergleicht eine Richtung einer Strecke mit deren eigenem Bestwert. Starten Sie pathlens-agent auf zwei oder mehr Rechnern einer Flotte (--peer NAME=ADRESSE, oder --bus, damit sie sich gegenseitig finden), um sie zu füllen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fleet</source>
        <translation>Flotte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Every device of the fleet, ranked by its own verdict</source>
        <translation>Jedes Gerät der Flotte, nach seinem eigenen Befund sortiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Devices appear as their agents report on the fleet bus. Start pathlens-agent with --bus mqtt://BROKER:1883 on each machine, and this window with the same --bus to watch them.</source>
        <translation>Geräte erscheinen, sobald ihre Agenten sich auf dem Flotten-Bus melden. Starten Sie pathlens-agent mit --bus mqtt://BROKER:1883 auf jedem Rechner und dieses Fenster mit demselben --bus, um sie zu beobachten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wi-Fi</source>
        <translation>WLAN</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signal, noise, channel and PHY rate of the active Wi-Fi link</source>
        <translation>Signal, Rauschen, Kanal und PHY-Rate der aktiven WLAN-Verbindung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No Wi-Fi readings: this machine has no wireless interface, or the capture was recorded without the Wi-Fi collector. Readings appear every 10 s while a wireless interface is up.</source>
        <translation>Keine WLAN-Messwerte: Dieser Rechner hat keine WLAN-Schnittstelle, oder die Aufzeichnung entstand ohne den WLAN-Kollektor. Messwerte erscheinen alle 10 s, solange eine WLAN-Schnittstelle aktiv ist.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A shareable report of this capture (HTML and PDF)</source>
        <translation>Ein teilbarer Bericht dieser Aufzeichnung (HTML und PDF)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The report collects verdicts, tiers, loss bursts, traces and Wi-Fi into one page. It is built from the capture once it holds measurements.</source>
        <translation>Der Bericht fasst Befunde, Stufen, Verlustbursts, Traces und WLAN auf einer Seite zusammen. Er wird aus der Aufzeichnung erstellt, sobald sie Messwerte enthält.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Timeline</source>
        <translation>Zeitachse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apps, gateway and internet latency, Wi-Fi and events on one time axis</source>
        <translation>Apps, Gateway- und Internet-Latenz, WLAN und Ereignisse auf einer Zeitachse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every measurement of the capture lined up in time, so a latency rise can be read against the Wi-Fi signal, a roam or a route change at the same minute. It fills as soon as the capture holds app sessions, probe answers or Wi-Fi readings.</source>
        <translation>Jede Messung der Aufzeichnung zeitlich ausgerichtet, sodass sich ein Latenzanstieg mit dem WLAN-Signal, einem Roaming oder einer Routenänderung in derselben Minute vergleichen lässt. Sie füllt sich, sobald die Aufzeichnung App-Sitzungen, Probe-Antworten oder WLAN-Messwerte enthält.</translation>
    </message>
    <message>
        <location filename="../views/timeline/aligned_timeline_data.cpp" line="+95"/>
        <source>loss ×%1</source>
        <translation>Verlust ×%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 probes lost in a row to %2, %3 – %4 UTC</source>
        <translation>%1 Probes zu %2 in Folge verloren, %3 – %4 UTC</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>route</source>
        <translation>Route</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Route changed at %1 UTC: %2</source>
        <translation>Route um %1 UTC geändert: %2</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>This device</source>
        <translation>Dieses Gerät</translation>
    </message>
    <message>
        <location filename="../views/timeline/aligned_timeline_readout.cpp" line="+44"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1–%2 ms</source>
        <translation>%1–%2 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, %2 lost</source>
        <translation>%1, %2 verloren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lost</source>
        <translation>verloren</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>idle</source>
        <translation>Leerlauf</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (worst %2, %3 ms)</source>
        <translation>%1 (schlechteste %2, %3 ms)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TX %1 · RX %2</source>
        <translation>TX %1 · RX %2</translation>
    </message>
    <message>
        <location filename="../views/timeline/aligned_timeline_rows.cpp" line="-17"/>
        <source>no graded app sessions</source>
        <translation>keine bewerteten App-Sitzungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no gateway probes</source>
        <translation>keine Gateway-Probes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no internet probes</source>
        <translation>keine Internet-Probes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no Wi-Fi readings</source>
        <translation>keine WLAN-Messwerte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no loss bursts, route changes or Wi-Fi events</source>
        <translation>keine Verlustbursts, Routenänderungen oder WLAN-Ereignisse</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Gateway RTT, ms</source>
        <translation>Gateway-RTT, ms</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Internet RTT, ms</source>
        <translation>Internet-RTT, ms</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Wi-Fi signal, dBm</source>
        <translation>WLAN-Signal, dBm</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wi-Fi rate, Mbit/s</source>
        <translation>WLAN-Rate, Mbit/s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <location filename="../views/trains/capacity_text.cpp" line="+24"/>
        <source>both directions (the slower one)</source>
        <translation>beide Richtungen (die langsamere)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>outbound</source>
        <translation>ausgehend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inbound</source>
        <translation>eingehend</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>one-off measurement</source>
        <translation>einmalige Messung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>regular measurement</source>
        <translation>regelmäßige Messung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>confirmation sample</source>
        <translation>Bestätigungsmessung</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>agent reflector, dual-ended</source>
        <translation>Agenten-Reflektor, zweiseitig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ICMP echo, single-ended</source>
        <translation>ICMP Echo, einseitig</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Total capacity: what the path carries when nothing else uses it. Each train&apos;s packet bits divided by the smallest spacing its packets arrived with (trains without loss only); the figure shown is the peak of the last 3 hours.</source>
        <translation>Gesamtkapazität: was der Pfad trägt, wenn nichts anderes ihn nutzt. Die Paketbits jedes Zugs geteilt durch den kleinsten Abstand, mit dem seine Pakete ankamen (nur Züge ohne Verlust); angezeigt wird der Spitzenwert der letzten 3 Stunden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Available capacity: what is left for you right now. Packets paced right behind the train keep the bottleneck&apos;s queue standing, so other traffic is queued between them and widens their spacing: total − that traffic&apos;s rate. Without such packets (the first estimate of a series), the delivered bits over their spread, lost packets taken into account.</source>
        <translation>Verfügbare Kapazität: was Ihnen gerade übrig bleibt. Direkt hinter dem Zug gesendete Pakete halten die Warteschlange am Engpass gefüllt, sodass anderer Verkehr zwischen ihnen eingereiht wird und ihren Abstand vergrößert: Gesamt − Rate dieses Verkehrs. Ohne solche Pakete (die erste Schätzung einer Reihe) die zugestellten Bits über ihre Streuung, verlorene Pakete berücksichtigt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Utilised capacity: what other traffic is using, total − available.</source>
        <translation>Genutzte Kapazität: was anderer Verkehr belegt, Gesamt − verfügbar.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Latency: half the round trip of the fastest test packet (the path&apos;s one-way delay without queueing).</source>
        <translation>Latenz: die halbe Umlaufzeit des schnellsten Testpakets (die einfache Laufzeit des Pfads ohne Warteschlangen).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Data loss: the share of full-size test packets that never came back.</source>
        <translation>Datenverlust: der Anteil der Testpakete voller Größe, die nie zurückkamen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Data jitter: how much the arrival spacing of the test packets varies (mean absolute difference).</source>
        <translation>Daten-Jitter: wie stark der Ankunftsabstand der Testpakete schwankt (mittlere absolute Differenz).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Voice quality: mean opinion score from 1 (bad) to 5 (excellent) by the ITU-T G.107 E-model, from a train of small packets sent at the codec&apos;s spacing. Above 4 is good, below 3.6 people notice.</source>
        <translation>Sprachqualität: Mean Opinion Score von 1 (schlecht) bis 5 (ausgezeichnet) nach dem E-Modell der ITU-T G.107, aus einem Zug kleiner Pakete im Abstand des Codecs. Über 4 ist gut, unter 3,6 fällt es auf.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loss and jitter of the voice train (small packets at the codec&apos;s spacing).</source>
        <translation>Verlust und Jitter des Sprachzugs (kleine Pakete im Abstand des Codecs).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What this estimate cost the network: test packets sent (data and voice trains) and their bytes.</source>
        <translation>Was diese Schätzung das Netz gekostet hat: gesendete Testpakete (Daten- und Sprachzüge) und ihre Bytes.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Doubtful: the trains cannot support a capacity figure (for example every train lost packets, or a shaper let a burst through unspaced), so none is shown. Latency, loss and voice figures still hold.</source>
        <translation>Zweifelhaft: Die Züge tragen keinen Kapazitätswert (zum Beispiel hat jeder Zug Pakete verloren, oder ein Shaper hat einen Burst ohne Abstand durchgelassen), daher wird keiner angezeigt. Latenz-, Verlust- und Sprachwerte gelten weiterhin.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Confirmation samples: after a dysfunction is seen, a sample every 6 s (10 samples) confirms it before the deep diagnosis probes every hop.</source>
        <translation>Bestätigungsmessungen: Nach einer erkannten Störung bestätigt alle 6 s eine Messung (10 Messungen) sie, bevor die Tiefendiagnose jeden Hop prüft.</translation>
    </message>
    <message>
        <location filename="../views/wifi/wifi_text.cpp" line="+48"/>
        <source>2.4 GHz</source>
        <translation>2,4 GHz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>5 GHz</source>
        <translation>5 GHz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>6 GHz</source>
        <translation>6 GHz</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Roamed to another access point</source>
        <translation>Zu einem anderen Access Point gewechselt (Roaming)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wi-Fi generation dropped</source>
        <translation>WLAN-Generation gesunken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel narrowed</source>
        <translation>Kanal schmaler geworden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fewer spatial streams</source>
        <translation>Weniger räumliche Streams</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disconnected</source>
        <translation>Getrennt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reconnected</source>
        <translation>Wieder verbunden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>roam</source>
        <translation>Roaming</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PHY drop</source>
        <translation>PHY-Abfall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>narrower</source>
        <translation>schmaler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fewer streams</source>
        <translation>weniger Streams</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>disconnect</source>
        <translation>Trennung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reconnect</source>
        <translation>Neuverbindung</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The connection moved to another access point of the network. Traffic pauses briefly while it moves, and from then on the new access point&apos;s signal and rate apply.</source>
        <translation>Die Verbindung ist zu einem anderen Access Point des Netzes gewechselt. Der Verkehr stockt während des Wechsels kurz, danach gelten Signal und Rate des neuen Access Points.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The link fell back to an older Wi-Fi generation, which carries less data at the same signal: the top rate is lower. It happens when the signal weakens or the access point or band offers less.</source>
        <translation>Die Verbindung ist auf eine ältere WLAN-Generation zurückgefallen, die bei gleichem Signal weniger Daten trägt: Die Höchstrate sinkt. Das passiert, wenn das Signal schwächer wird oder Access Point oder Band weniger bieten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The radio channel got narrower: half the width carries about half the data.</source>
        <translation>Der Funkkanal ist schmaler geworden: die halbe Breite trägt etwa die halbe Datenmenge.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The link uses fewer spatial streams (antenna paths carrying data side by side): each one fewer lowers the top rate in proportion.</source>
        <translation>Die Verbindung nutzt weniger räumliche Streams (Antennenpfade, die parallel Daten tragen): Jeder Stream weniger senkt die Höchstrate anteilig.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The interface left the network: nothing went over Wi-Fi until it reconnected.</source>
        <translation>Die Schnittstelle hat das Netz verlassen: Bis zur Neuverbindung lief nichts über WLAN.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The interface joined a network again after being disconnected.</source>
        <translation>Die Schnittstelle hat sich nach einer Trennung wieder mit einem Netz verbunden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The latest reading of the link: Wi-Fi generation, band and channel, channel width, spatial streams (2×2: two streams) and MCS (the modulation and coding in use), and the PHY rate they give. Read from the kernel&apos;s nl80211 interface every 10 s, without privileges.</source>
        <translation>Der letzte Messwert der Verbindung: WLAN-Generation, Band und Kanal, Kanalbreite, räumliche Streams (2×2: zwei Streams) und MCS (die verwendete Modulation und Kodierung) sowie die daraus folgende PHY-Rate. Alle 10 s ohne Privilegien über die nl80211-Schnittstelle des Kernels gelesen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The network&apos;s name (SSID) and the access point&apos;s radio address (BSSID): a new BSSID with the same SSID is a roam to another access point.</source>
        <translation>Der Name des Netzes (SSID) und die Funkadresse des Access Points (BSSID): eine neue BSSID bei gleicher SSID ist ein Roaming zu einem anderen Access Point.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Signal strength the station last received from the access point (RSSI; the driver&apos;s average when it gives one). Closer to 0 is stronger: −50 dBm is very good, −70 dBm is where rates start to suffer.</source>
        <translation>Signalstärke, die die Station zuletzt vom Access Point empfangen hat (RSSI; der Mittelwert des Treibers, sofern er einen liefert). Näher an 0 ist stärker: −50 dBm ist sehr gut, ab −70 dBm leiden die Raten.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Median signal over the connected readings of the capture&apos;s last 10 minutes; it sets the Wi-Fi tier, which joins the overall rating. Tiers: excellent ≥ −50 dBm, good ≥ −67, fair ≥ −70, impaired below.</source>
        <translation>Median-Signal über die verbundenen Messwerte der letzten 10 Minuten der Aufzeichnung; es bestimmt die WLAN-Stufe, die in die Gesamtbewertung eingeht. Stufen: sehr gut ≥ −50 dBm, gut ≥ −67, mäßig ≥ −70, beeinträchtigt darunter.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Noise floor of the channel in use, from the radio&apos;s channel survey: the background the signal has to stand out from. Not every driver reports it.</source>
        <translation>Grundrauschen des genutzten Kanals, aus der Kanalvermessung des Funkmoduls: der Hintergrund, von dem sich das Signal abheben muss. Nicht jeder Treiber meldet es.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Signal-to-noise ratio: signal minus noise floor. Above about 25 dB the link can use its fastest encodings; below about 15 dB the rate falls and retries rise.</source>
        <translation>Signal-Rausch-Abstand: Signal minus Grundrauschen. Ab etwa 25 dB kann die Verbindung ihre schnellsten Kodierungen nutzen; unter etwa 15 dB sinkt die Rate und Wiederholungen nehmen zu.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The PHY rate of the last frame each way as the driver reports it (transmit: this machine to the access point; receive: back). A radio&apos;s rate, not throughput: TCP gets roughly half to two thirds of it.</source>
        <translation>Die PHY-Rate des letzten Frames je Richtung, wie der Treiber sie meldet (Senden: dieser Rechner zum Access Point; Empfangen: zurück). Eine Funkrate, kein Durchsatz: TCP erreicht etwa die Hälfte bis zwei Drittel davon.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What this link&apos;s settings allow at best: the fastest MCS at this generation, width, stream count and guard interval (PHY), and what TCP can expect near it. A slow internet test under this ceiling is not the radio&apos;s doing.</source>
        <translation>Was die Einstellungen dieser Verbindung bestenfalls zulassen: die schnellste MCS bei dieser Generation, Breite, Streamanzahl und diesem Guard-Intervall (PHY), und was TCP in ihrer Nähe erwarten kann. Ein langsamer Internettest unter dieser Obergrenze liegt nicht am Funk.</translation>
    </message>
</context>
<context>
    <name>pathlens::views::AboutDialog</name>
    <message>
        <location filename="../views/shell/about_dialog.cpp" line="+21"/>
        <source>About Pathlens</source>
        <translation>Über Pathlens</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;h2&gt;Pathlens&lt;/h2&gt;&lt;p&gt;Which app, which leg, which hop is hurting — with numbers you can trust.&lt;/p&gt;&lt;p&gt;Free software under the GNU General Public License, version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Pathlens&lt;/h2&gt;&lt;p&gt;Welche App, welcher Abschnitt, welcher Hop bremst – mit Zahlen, denen Sie vertrauen können.&lt;/p&gt;&lt;p&gt;Freie Software unter der GNU General Public License, Version 3 oder später.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>pathlens::views::AlignedTimelineChart</name>
    <message>
        <location filename="../views/timeline/aligned_timeline_chart.cpp" line="+12"/>
        <source>Wheel: zoom about the pointer · drag: pan · +/−, ←/→, Home: the whole capture</source>
        <translation>Mausrad: um den Zeiger zoomen · Ziehen: verschieben · +/−, ←/→, Pos1: die ganze Aufzeichnung</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This capture holds no Wi-Fi readings: no wireless interface, or recorded without the Wi-Fi collector</source>
        <translation>Diese Aufzeichnung enthält keine WLAN-Messwerte: keine WLAN-Schnittstelle, oder ohne den WLAN-Kollektor aufgezeichnet</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>Apps</source>
        <translation>Apps</translation>
    </message>
</context>
<context>
    <name>pathlens::views::AlignedTimelinePage</name>
    <message>
        <location filename="../views/timeline/aligned_timeline_page.cpp" line="+50"/>
        <source>Where the rows coincide</source>
        <translation>Wo die Zeilen zusammentreffen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The span every row shows</source>
        <translation>Die Zeitspanne, die jede Zeile zeigt</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Half the span, about the crosshair or the centre (+ or the mouse wheel)</source>
        <translation>Halbe Zeitspanne, um das Fadenkreuz oder die Mitte (+ oder Mausrad)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Twice the span (−)</source>
        <translation>Doppelte Zeitspanne (−)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole capture</source>
        <translation>Ganze Aufzeichnung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the capture from its first to its last measurement (Home)</source>
        <translation>Die Aufzeichnung von der ersten bis zur letzten Messung zeigen (Pos1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Each latency rise, read against the gateway, the Wi-Fi radio and the route over the same minutes. Click one to zoom to it.</source>
        <translation>Jeder Latenzanstieg, verglichen mit Gateway, WLAN-Funk und Route in denselben Minuten. Zum Heranzoomen anklicken.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Nothing coincides: latency stayed near its baseline.</source>
        <translation>Kein Zusammentreffen: Die Latenz blieb nahe ihrem Grundwert.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 – %2 UTC%3</source>
        <translation>%1 – %2 UTC%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · the whole capture</source>
        <translation> · die ganze Aufzeichnung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> · zoomed: Home shows all</source>
        <translation> · vergrößert: Pos1 zeigt alles</translation>
    </message>
</context>
<context>
    <name>pathlens::views::AppTableModel</name>
    <message>
        <location filename="../views/passive/app_table_model.cpp" line="+36"/>
        <source>Not graded: %1 of the %2 sessions needed lasted %3 s or more</source>
        <translation>Nicht bewertet: %1 der %2 nötigen Sitzungen dauerten %3 s oder länger</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Smoothed RTT minus the connection&apos;s minimum RTT: delay spent in queues (bufferbloat)</source>
        <translation>Geglättete RTT minus minimale RTT der Verbindung: in Warteschlangen verbrachte Zeit (Bufferbloat)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 (%2 graded)</source>
        <translation>%1 (%2 bewertet)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Grade</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median RTT</source>
        <translation>Median-RTT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Retransmits</source>
        <translation>Retransmissionen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Queueing</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down</source>
        <translation>Download</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Up</source>
        <translation>Upload</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Median of the kernel&apos;s smoothed RTT over the app&apos;s graded sessions</source>
        <translation>Median der geglätteten Kernel-RTT über die bewerteten Sitzungen der App</translation>
    </message>
</context>
<context>
    <name>pathlens::views::AppsPage</name>
    <message>
        <location filename="../views/passive/apps_page.cpp" line="+51"/>
        <source>Filter apps (Ctrl+F)</source>
        <translation>Apps filtern (Strg+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show only apps whose name contains this text</source>
        <translation>Nur Apps zeigen, deren Name diesen Text enthält</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+43"/>
        <source>Select an app to see its sessions</source>
        <translation>Eine App auswählen, um ihre Sitzungen zu sehen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions of %1 (%2)</source>
        <translation>Sitzungen von %1 (%2)</translation>
    </message>
</context>
<context>
    <name>pathlens::views::BufferbloatPanel</name>
    <message>
        <location filename="../views/load/bufferbloat_panel.cpp" line="+183"/>
        <source>Pings to your router</source>
        <translation>Pings zu Ihrem Router</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pings to the internet targets</source>
        <translation>Pings zu den Internetzielen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 while %2: %n answered</source>
        <translation>
            <numerusform>%1 (%2): %n beantwortet</numerusform>
            <numerusform>%1 (%2): %n beantwortet</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the link was idle</source>
        <translation>Leitung im Leerlauf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
median %1</source>
        <translation>
Median %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · 95th percentile %1</source>
        <translation> · 95. Perzentil %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>
A figure needs at least %n pings.</source>
        <translation>
            <numerusform>
Ein Wert braucht mindestens %n Ping.</numerusform>
            <numerusform>
Ein Wert braucht mindestens %n Pings.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pathlens::views::CapacityChart</name>
    <message>
        <location filename="../views/trains/capacity_chart.cpp" line="+54"/>
        <source>total</source>
        <translation>gesamt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>available</source>
        <translation>verfügbar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>utilised</source>
        <translation>genutzt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>confirmation sample</source>
        <translation>Bestätigungsmessung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>doubtful (no figure)</source>
        <translation>zweifelhaft (kein Wert)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deep diagnosis</source>
        <translation>Tiefendiagnose</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>No estimate of this path yet</source>
        <translation>Noch keine Schätzung für diesen Pfad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No capacity figure: every estimate here is doubtful (grey ticks; hover one for the reason)</source>
        <translation>Kein Kapazitätswert: Jede Schätzung hier ist zweifelhaft (graue Striche; für den Grund darauf zeigen)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Deep diagnosis: trains to every hop, read hop by hop to name where loss, capacity or latency changes. Hover a flag for its verdict; click it for the hops.</source>
        <translation>Tiefendiagnose: Züge zu jedem Hop, Hop für Hop ausgewertet, um zu benennen, wo sich Verlust, Kapazität oder Latenz ändern. Für den Befund auf eine Flagge zeigen; für die Hops anklicken.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Deep diagnosis at %1: %2</source>
        <translation>Tiefendiagnose um %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click to see it hop by hop.</source>
        <translation>Anklicken, um sie Hop für Hop zu sehen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Doubtful estimate: no capacity figure</source>
        <translation>Zweifelhafte Schätzung: kein Kapazitätswert</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n doubtful estimates: no capacity figure</source>
        <translation>
            <numerusform>%n zweifelhafte Schätzung: kein Kapazitätswert</numerusform>
            <numerusform>%n zweifelhafte Schätzungen: kein Kapazitätswert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>…and %n more</source>
        <translation>
            <numerusform>… und %n weitere</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Doubtful: %1</source>
        <translation>Zweifelhaft: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>total %1 · available %2 · utilised %3</source>
        <translation>gesamt %1 · verfügbar %2 · genutzt %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
</context>
<context>
    <name>pathlens::views::CapacityPage</name>
    <message>
        <location filename="../views/trains/capacity_page.cpp" line="+61"/>
        <source>The measured path: its target, and which way its capacity was measured. ICMP echo measures the round trip, so its figure is that of the slower direction; an agent&apos;s reflector lets each direction be measured on its own (outbound: from here to the target; inbound: back).</source>
        <translation>Der gemessene Pfad: sein Ziel und in welcher Richtung seine Kapazität gemessen wurde. ICMP Echo misst hin und zurück, sein Wert ist also der der langsameren Richtung; der Reflektor eines Agenten erlaubt es, jede Richtung für sich zu messen (ausgehend: von hier zum Ziel; eingehend: zurück).</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Deep diagnoses, newest first: trains to every hop after a confirmed dysfunction</source>
        <translation>Tiefendiagnosen, neueste zuerst: Züge zu jedem Hop nach einer bestätigten Störung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every estimate of the selected path, newest first</source>
        <translation>Jede Schätzung des gewählten Pfads, neueste zuerst</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Path:</source>
        <translation>&amp;Pfad:</translation>
    </message>
    <message numerus="yes">
        <location line="+124"/>
        <source>%n estimates</source>
        <translation>
            <numerusform>%n Schätzung</numerusform>
            <numerusform>%n Schätzungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source> (%n doubtful)</source>
        <translation>
            <numerusform> (%n zweifelhaft)</numerusform>
            <numerusform> (%n zweifelhaft)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Select a diagnosis to see it hop by hop.</source>
        <translation>Eine Diagnose auswählen, um sie Hop für Hop zu sehen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No deep diagnosis in this capture. One runs after a dysfunction (loss, a capacity drop or a latency rise) is confirmed by 10 samples, one every 6 s.</source>
        <translation>Keine Tiefendiagnose in dieser Aufzeichnung. Eine läuft, nachdem eine Störung (Verlust, Kapazitätseinbruch oder Latenzanstieg) durch 10 Messungen im Abstand von 6 s bestätigt wurde.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>every hop kept the %1 marking</source>
        <translation>jeder Hop hat die Markierung %1 beibehalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · triggered by %3 · %4 · %5 test packets, %6 over %7</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · ausgelöst durch %3 · %4 · %5 Testpakete, %6 in %7</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Deep diagnoses (%1)</source>
        <translation>Tiefendiagnosen (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Estimates of this path (%1)</source>
        <translation>Schätzungen dieses Pfads (%1)</translation>
    </message>
</context>
<context>
    <name>pathlens::views::CollectorStatusBar</name>
    <message>
        <location filename="../views/shell/collector_status_bar.cpp" line="+47"/>
        <source>%1: started %2 time(s), restarted %3 time(s) after a failure</source>
        <translation>%1: %2-mal gestartet, %3-mal nach einem Fehler neu gestartet</translation>
    </message>
</context>
<context>
    <name>pathlens::views::DiagnosisTableModel</name>
    <message>
        <location filename="../views/trains/diagnosis_table_model.cpp" line="+40"/>
        <source>Every hop kept the marking the test packets were sent with</source>
        <translation>Jeder Hop hat die Markierung beibehalten, mit der die Testpakete gesendet wurden</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Trigger</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verdict</source>
        <translation>Befund</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DSCP</source>
        <translation>DSCP</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The confirmed dysfunction that started the diagnosis</source>
        <translation>Die bestätigte Störung, die die Diagnose ausgelöst hat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The first hop where the trigger&apos;s figure changes, in one sentence</source>
        <translation>Der erste Hop, an dem sich der Wert des Auslösers ändert, in einem Satz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whether a hop rewrote the DSCP marking of the test packets (read from the header quoted in its replies)</source>
        <translation>Ob ein Hop die DSCP-Markierung der Testpakete umgeschrieben hat (aus dem in seinen Antworten zitierten Header gelesen)</translation>
    </message>
</context>
<context>
    <name>pathlens::views::EstimateCard</name>
    <message>
        <location filename="../views/trains/estimate_card.cpp" line="+39"/>
        <source>Total capacity</source>
        <translation>Gesamtkapazität</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Utilised</source>
        <translation>Genutzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Data loss</source>
        <translation>Datenverlust</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Data jitter</source>
        <translation>Daten-Jitter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voice MOS</source>
        <translation>Sprach-MOS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Voice loss · jitter</source>
        <translation>Sprachverlust · Jitter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Test traffic</source>
        <translation>Testverkehr</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>No estimate of this path yet</source>
        <translation>Noch keine Schätzung für diesen Pfad</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Latest estimate, %1</source>
        <translation>Letzte Schätzung, %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1
%2 · DSCP %3</source>
        <translation>%1
%2 · DSCP %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Doubtful</source>
        <translation>Zweifelhaft</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;Doubtful&lt;/b&gt; — %1</source>
        <translation>&lt;b&gt;Zweifelhaft&lt;/b&gt; – %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>— (no voice train)</source>
        <translation>– (kein Sprachzug)</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n packets</source>
        <translation>
            <numerusform>%n Paket</numerusform>
            <numerusform>%n Pakete</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pathlens::views::EstimateTableModel</name>
    <message>
        <location filename="../views/trains/estimate_table_model.cpp" line="+47"/>
        <source>Doubtful: %1</source>
        <translation>Zweifelhaft: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>doubtful</source>
        <translation>zweifelhaft</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Utilised</source>
        <translation>Genutzt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data loss</source>
        <translation>Datenverlust</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Voice MOS</source>
        <translation>Sprach-MOS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Why an estimate is doubtful, or what else to know about it</source>
        <translation>Warum eine Schätzung zweifelhaft ist, oder was man sonst über sie wissen sollte</translation>
    </message>
</context>
<context>
    <name>pathlens::views::FleetPage</name>
    <message>
        <location filename="../views/fleet/fleet_page.cpp" line="+66"/>
        <source>&lt;b&gt;Fastest 10&lt;/b&gt; — best grade, then lowest median RTT</source>
        <translation>&lt;b&gt;Schnellste 10&lt;/b&gt; – beste Bewertung, dann niedrigste Median-RTT</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Slowest 10&lt;/b&gt; — worst first</source>
        <translation>&lt;b&gt;Langsamste 10&lt;/b&gt; – schlechteste zuerst</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>%n device(s) on the fleet bus, %1 online · fleet median latency %2</source>
        <translation>
            <numerusform>%n Gerät auf dem Flotten-Bus, %1 online · Median-Latenz der Flotte %2</numerusform>
            <numerusform>%n Geräte auf dem Flotten-Bus, %1 online · Median-Latenz der Flotte %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not known yet</source>
        <translation>noch nicht bekannt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not graded yet (an agent grades its device once it has seen three TCP sessions longer than half a second): %1</source>
        <translation>Noch nicht bewertet (ein Agent bewertet sein Gerät, sobald er drei TCP-Sitzungen mit mehr als einer halben Sekunde Dauer gesehen hat): %1</translation>
    </message>
</context>
<context>
    <name>pathlens::views::FleetTableModel</name>
    <message>
        <location filename="../views/fleet/fleet_table_model.cpp" line="+34"/>
        <source>%1 · %2 · last report %3 UTC</source>
        <translation>%1 · %2 · letzter Bericht %3 UTC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no address announced</source>
        <translation>keine Adresse bekannt gegeben</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Grade</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Median RTT</source>
        <translation>Median-RTT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retransmits</source>
        <translation>Retransmissionen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The device&apos;s own verdict: median RTT of its graded TCP sessions</source>
        <translation>Der eigene Befund des Geräts: Median-RTT seiner bewerteten TCP-Sitzungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline: the broker reported the agent gone, or it said goodbye</source>
        <translation>Offline: Der Broker hat den Agenten als weg gemeldet, oder er hat sich abgemeldet</translation>
    </message>
</context>
<context>
    <name>pathlens::views::HopTableModel</name>
    <message>
        <location filename="../views/trains/hop_table_model.cpp" line="+63"/>
        <source>Silent hop: it never answers TTL-limited packets. Normal for many routers; traffic still passes.</source>
        <translation>Stummer Hop: Er beantwortet nie Pakete mit abgelaufener TTL. Bei vielen Routern normal; der Verkehr läuft trotzdem durch.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rate limiting: this hop answers fewer probes than later hops do, so its own loss is not loss on the path.</source>
        <translation>Rate-Limiting: Dieser Hop beantwortet weniger Probes als spätere Hops, sein eigener Verlust ist also kein Verlust auf dem Pfad.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The first hop where the trigger&apos;s figure changes</source>
        <translation>Der erste Hop, an dem sich der Wert des Auslösers ändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent as %1, arrived here as %2</source>
        <translation>Gesendet als %1, hier angekommen als %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 (sent %2)</source>
        <translation>%1 (gesendet %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>starts here</source>
        <translation>beginnt hier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rate limiting</source>
        <translation>Rate-Limiting</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>silent</source>
        <translation>stumm</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Hop</source>
        <translation>Hop</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Answered</source>
        <translation>Beantwortet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Capacity</source>
        <translation>Kapazität</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DSCP seen</source>
        <translation>DSCP gesehen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time to live of the test packets: the hop&apos;s place on the path</source>
        <translation>Time to Live der Testpakete: die Position des Hops auf dem Pfad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test packets this hop answered, of those sent to it</source>
        <translation>Testpakete, die dieser Hop beantwortet hat, von den an ihn gesendeten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capacity up to this hop, from the spacing of its answers (— when too few answered)</source>
        <translation>Kapazität bis zu diesem Hop, aus dem Abstand seiner Antworten (–, wenn zu wenige antworteten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Half the fastest round trip to this hop</source>
        <translation>Die halbe schnellste Umlaufzeit zu diesem Hop</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The DSCP marking the test packets reached this hop with (from the header quoted in its reply)</source>
        <translation>Die DSCP-Markierung, mit der die Testpakete diesen Hop erreichten (aus dem in seiner Antwort zitierten Header)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the dysfunction starts, hops that rate-limit their answers, silent hops</source>
        <translation>Wo die Störung beginnt, Hops mit Rate-Limiting ihrer Antworten, stumme Hops</translation>
    </message>
</context>
<context>
    <name>pathlens::views::KioskBoard</name>
    <message>
        <location filename="../views/kiosk/kiosk_board.cpp" line="+100"/>
        <source>24 h ago</source>
        <translation>vor 24 h</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>12 h ago</source>
        <translation>vor 12 h</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <location line="+44"/>
        <location line="+260"/>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <location line="-254"/>
        <source>Waiting for data</source>
        <translation>Warte auf Daten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apps, worst first</source>
        <translation>Apps, schlechteste zuerst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mesh links, worst first</source>
        <translation>Mesh-Strecken, schlechteste zuerst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fleet devices, slowest first</source>
        <translation>Flottengeräte, langsamste zuerst</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>No verdict yet</source>
        <translation>Noch kein Befund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for TCP sessions to grade</source>
        <translation>Warte auf TCP-Sitzungen zum Bewerten</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+52"/>
        <source>no figure</source>
        <translation>kein Wert</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Latency %1 · Loss %2 · Overall %3</source>
        <translation>Latenz %1 · Verlust %2 · Gesamt %3</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No app sessions yet</source>
        <translation>Noch keine App-Sitzungen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · %2 · %3 ms · %4 % retransmits</source>
        <translation>%1 · %2 · %3 ms · %4 % Retransmissionen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · not graded yet</source>
        <translation>%1 · noch nicht bewertet</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 · down on all %2 links</source>
        <translation>%1 · auf allen %2 Strecken ausgefallen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>down</source>
        <translation>ausgefallen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No mesh links measured</source>
        <translation>Keine Mesh-Strecken gemessen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Every link is within its own best</source>
        <translation>Jede Strecke liegt im eigenen Bestbereich</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No fleet devices heard</source>
        <translation>Keine Flottengeräte gehört</translation>
    </message>
    <message>
        <location line="+10"/>
        <source> · %1 ms</source>
        <translation> · %1 ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · offline</source>
        <translation> · offline</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Last hiccup: %1</source>
        <translation>Letzter Aussetzer: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No hiccup in the sessions graded</source>
        <translation>Kein Aussetzer in den bewerteten Sitzungen</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Apps</source>
        <translation>Apps</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mesh</source>
        <translation>Mesh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fleet</source>
        <translation>Flotte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waiting for the first measurements</source>
        <translation>Warte auf die ersten Messungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Live · last sample %1 UTC</source>
        <translation>Live · letzter Messwert %1 UTC</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved capture</source>
        <translation>Gespeicherte Aufzeichnung</translation>
    </message>
</context>
<context>
    <name>pathlens::views::LatencyChart</name>
    <message>
        <location filename="../views/active/latency_chart.cpp" line="+85"/>
        <source>Wheel: zoom · drag: pan · double-click or Home: whole capture · +/−: zoom · L: live</source>
        <translation>Mausrad: zoomen · Ziehen: verschieben · Doppelklick oder Pos1: ganze Aufzeichnung · +/−: zoomen · L: live</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>No probe samples in this span</source>
        <translation>Keine Probe-Messwerte in dieser Zeitspanne</translation>
    </message>
    <message>
        <location line="+175"/>
        <source>, %1 lost</source>
        <translation>, %1 verloren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 lost</source>
        <translation>%1: %2 verloren</translation>
    </message>
</context>
<context>
    <name>pathlens::views::LatencyPage</name>
    <message>
        <location filename="../views/active/latency_page.cpp" line="+37"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quality tiers (superior … broken); overall is the worst single metric</source>
        <translation>Qualitätsstufen (hervorragend … unbrauchbar); gesamt ist der schlechteste Einzelwert</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>How ICMP echo is sent: unprivileged datagram sockets when net.ipv4.ping_group_range allows, else raw sockets (this process has CAP_NET_RAW, or pathlens-helper opens them for it)</source>
        <translation>Wie ICMP Echo gesendet wird: über unprivilegierte Datagramm-Sockets, wenn net.ipv4.ping_group_range es erlaubt, sonst über Raw-Sockets (dieser Prozess hat CAP_NET_RAW, oder pathlens-helper öffnet sie für ihn)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Follow the newest samples (L)</source>
        <translation>Den neuesten Messwerten folgen (L)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole capture</source>
        <translation>Ganze Aufzeichnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>+ or the mouse wheel</source>
        <translation>+ oder Mausrad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>− or the mouse wheel</source>
        <translation>− oder Mausrad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Home or double-click the chart</source>
        <translation>Pos1 oder Doppelklick auf das Diagramm</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Median RTT by protocol: gateway vs internet</source>
        <translation>Median-RTT je Protokoll: Gateway gegenüber Internet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>TCP accelerator: a box near you answers TCP connections itself, so these bars show the way to that box, not to the server</source>
        <translation>TCP-Beschleuniger: Ein Gerät in Ihrer Nähe beantwortet TCP-Verbindungen selbst, daher zeigen diese Balken den Weg zu diesem Gerät, nicht zum Server</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>overall</source>
        <translation>gesamt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not enough samples to rate the link yet</source>
        <translation>Noch nicht genug Messwerte, um die Verbindung einzustufen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ICMP: unprivileged sockets</source>
        <translation>ICMP: unprivilegierte Sockets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICMP: raw sockets (privileged)</source>
        <translation>ICMP: Raw-Sockets (privilegiert)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICMP: raw sockets from pathlens-helper</source>
        <translation>ICMP: Raw-Sockets von pathlens-helper</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>gateway</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>internet</source>
        <translation>Internet</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>ms</source>
        <translation>ms</translation>
    </message>
</context>
<context>
    <name>pathlens::views::LoadPage</name>
    <message>
        <location filename="../views/load/load_page.cpp" line="+60"/>
        <source>Latency under load: your router and the internet</source>
        <translation>Latenz unter Last: Ihr Router und das Internet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A queue before your router delays pings to the router and to the internet alike; one beyond it delays only the internet pings.</source>
        <translation>Eine Warteschlange vor Ihrem Router verzögert Pings zum Router und ins Internet gleichermaßen; eine dahinter verzögert nur die Internet-Pings.</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Tests (%1)</source>
        <translation>Tests (%1)</translation>
    </message>
</context>
<context>
    <name>pathlens::views::LoadRoundStatus</name>
    <message>
        <location filename="../views/load/load_round_status.cpp" line="+25"/>
        <source>tests on demand only</source>
        <translation>Tests nur auf Anforderung</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>continuous schedule: a round every %n min</source>
        <translation>
            <numerusform>Dauerbetrieb: eine Runde alle %n min</numerusform>
            <numerusform>Dauerbetrieb: eine Runde alle %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 schedule: %2 rounds over %n min</source>
        <translation>
            <numerusform>Zeitplan %1: %2 Runden in %n min</numerusform>
            <numerusform>Zeitplan %1: %2 Runden in %n min</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>quick</source>
        <translation>kurz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>extended</source>
        <translation>erweitert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Test now</source>
        <translation>Jetzt &amp;testen</translation>
    </message>
    <message>
        <location line="+93"/>
        <location line="+3"/>
        <source>Reviewing a saved capture: the tests it recorded</source>
        <translation>Gespeicherte Aufzeichnung: die darin aufgezeichneten Tests</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Tests run while Pathlens measures live: start it without a file, with --speed-server http://HOST:8080</source>
        <translation>Tests laufen, während Pathlens live misst: ohne Datei starten, mit --speed-server http://HOST:8080</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Back to live (Ctrl+L) to run a test: its results go to the live capture</source>
        <translation>Zurück zu Live (Strg+L), um einen Test zu starten: seine Ergebnisse gehen in die Live-Aufzeichnung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Throughput tests are off: no server configured</source>
        <translation>Durchsatztests sind aus: kein Server eingerichtet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No throughput server: start Pathlens with --speed-server http://HOST:8080 (a machine running pathlens-agent serve across the link)</source>
        <translation>Kein Durchsatzserver: Pathlens mit --speed-server http://HOST:8080 starten (ein Rechner jenseits der Leitung, auf dem pathlens-agent serve läuft)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>against %1 · %2</source>
        <translation>gegen %1 · %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starting a test now…</source>
        <translation>Test wird jetzt gestartet …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A test is starting</source>
        <translation>Ein Test startet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Throughput tests starting…</source>
        <translation>Durchsatztests starten …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The throughput collector is starting</source>
        <translation>Der Durchsatz-Kollektor startet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%p% · %1</source>
        <translation>%p% · %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%p%</source>
        <translation>%p%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A test is running: wait for it to end</source>
        <translation>Ein Test läuft: Warten Sie, bis er endet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run a download and an upload test now (Ctrl+T); the schedule goes on</source>
        <translation>Jetzt einen Download- und einen Upload-Test starten (Strg+T); der Zeitplan läuft weiter</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&lt;b&gt;How to test throughput.&lt;/b&gt; Tests need a server on the far side of the link you want to measure, and Pathlens never picks one by itself. On a machine there, run &lt;code&gt;pathlens-agent serve&lt;/code&gt; (port 8080); then start Pathlens with &lt;code&gt;--speed-server http://HOST:8080&lt;/code&gt;. Each test moves up to a few hundred MB, at most 900 MB in any 30 minutes.</source>
        <translation>&lt;b&gt;So testen Sie den Durchsatz.&lt;/b&gt; Tests brauchen einen Server auf der anderen Seite der Leitung, die Sie messen wollen, und Pathlens wählt nie selbst einen aus. Starten Sie auf einem Rechner dort &lt;code&gt;pathlens-agent serve&lt;/code&gt; (Port 8080) und dann Pathlens mit &lt;code&gt;--speed-server http://HOST:8080&lt;/code&gt;. Jeder Test überträgt bis zu einigen hundert MB, höchstens 900 MB in 30 Minuten.</translation>
    </message>
</context>
<context>
    <name>pathlens::views::LoadTestTableModel</name>
    <message>
        <location filename="../views/load/load_test_table_model.cpp" line="+55"/>
        <source>More than 50 % off the median of the last 5 tests: left out of the figures and tested again 90 s later</source>
        <translation>Mehr als 50 % vom Median der letzten 5 Tests entfernt: aus den Werten herausgenommen und 90 s später erneut getestet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A calibration step: sizes grow (5, 10, 20, 40, 100 MB) until the rate changes by less than 20 %</source>
        <translation>Ein Kalibrierschritt: Die Größen wachsen (5, 10, 20, 40, 100 MB), bis sich die Rate um weniger als 20 % ändert</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Streams</source>
        <translation>Streams</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Round</source>
        <translation>Runde</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Goodput: the payload all streams delivered (uploads: acknowledged by the server&apos;s TCP) while every stream was moving data, i.e. from the start until the first stream finished</source>
        <translation>Goodput: die Nutzdaten, die alle Streams zugestellt haben (Uploads: vom TCP des Servers bestätigt), solange jeder Stream Daten übertrug, d. h. vom Start bis zum Ende des ersten Streams</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payload moved by all streams; counts against the 30-minute data budget</source>
        <translation>Von allen Streams übertragene Nutzdaten; zählt gegen das 30-Minuten-Datenbudget</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parallel HTTP streams: one TCP connection rarely fills a fast link</source>
        <translation>Parallele HTTP-Streams: Eine einzelne TCP-Verbindung füllt selten eine schnelle Leitung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The throughput server that answered (pathlens-agent serve)</source>
        <translation>Der Durchsatzserver, der geantwortet hat (pathlens-agent serve)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its round of the schedule, or on demand (Test now)</source>
        <translation>Die Runde im Zeitplan, oder auf Anforderung (Jetzt testen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calibration steps, out-of-family results and their retests, early exits, and tests that were skipped</source>
        <translation>Kalibrierschritte, Ausreißer und ihre Wiederholungen, vorzeitige Abbrüche und übersprungene Tests</translation>
    </message>
</context>
<context>
    <name>pathlens::views::MainWindow</name>
    <message>
        <location filename="../views/shell/main_window.cpp" line="+95"/>
        <source>Cannot import packet capture</source>
        <translation>Paketmitschnitt kann nicht importiert werden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import of %1 cancelled; nothing was kept</source>
        <translation>Import von %1 abgebrochen; nichts wurde behalten</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 of %2 read</source>
        <translation>%1 von %2 gelesen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pathlens</source>
        <translation>Pathlens</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Cannot export the report</source>
        <translation>Bericht kann nicht exportiert werden</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open capture…</source>
        <translation>Aufzeichnung ö&amp;ffnen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review a saved capture (.plcap), a packet capture (pcap, pcapng) or a CSV</source>
        <translation>Eine gespeicherte Aufzeichnung (.plcap), einen Paketmitschnitt (pcap, pcapng) oder eine CSV-Datei ansehen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review a saved capture (.plcap) or import a CSV</source>
        <translation>Eine gespeicherte Aufzeichnung (.plcap) ansehen oder eine CSV-Datei importieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back to &amp;live</source>
        <translation>Zurück zu &amp;Live</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the capture this window is recording</source>
        <translation>Die Aufzeichnung zeigen, die dieses Fenster gerade aufnimmt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save capture as…</source>
        <translation>Aufzeichnung &amp;speichern unter …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export CSV…</source>
        <translation>CSV e&amp;xportieren …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export report as &amp;HTML…</source>
        <translation>Bericht als &amp;HTML exportieren …</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The capture&apos;s report as one self-contained web page</source>
        <translation>Der Bericht der Aufzeichnung als eine eigenständige Webseite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export report as P&amp;DF…</source>
        <translation>Bericht als P&amp;DF exportieren …</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The capture&apos;s report as an A4 PDF</source>
        <translation>Der Bericht der Aufzeichnung als A4-PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Full screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Measure</source>
        <translation>&amp;Messen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run a &amp;throughput test now</source>
        <translation>&amp;Durchsatztest jetzt starten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A download and an upload test against the configured throughput server; the schedule goes on</source>
        <translation>Ein Download- und ein Upload-Test gegen den eingerichteten Durchsatzserver; der Zeitplan läuft weiter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;How it measures</source>
        <translation>&amp;Wie Pathlens misst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About Pathlens</source>
        <translation>Ü&amp;ber Pathlens</translation>
    </message>
    <message>
        <location line="+47"/>
        <location line="+11"/>
        <source>Live · %1</source>
        <translation>Live · %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Cannot open capture</source>
        <translation>Aufzeichnung kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not open %1</source>
        <translation>%1 konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Offline · %1</source>
        <translation>Offline · %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline · %1, imported from %2</source>
        <translation>Offline · %1, importiert aus %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Offline · combined analysis of %1 captures, from %2</source>
        <translation>Offline · gemeinsame Auswertung von %1 Aufzeichnungen, ab %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Still importing %1: cancel it first</source>
        <translation>%1 wird noch importiert: zuerst abbrechen</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+20"/>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet …</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+50"/>
        <source>Importing %1…</source>
        <translation>%1 wird importiert …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>App names from %1</source>
        <translation>App-Namen aus %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+81"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>Import packet capture</source>
        <translation>Paketmitschnitt importieren</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Packet capture cut short</source>
        <translation>Paketmitschnitt unvollständig</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Combining %1 captures…</source>
        <translation>%1 Aufzeichnungen werden zusammengeführt …</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Opening %1… %2%</source>
        <translation>%1 wird geöffnet … %2 %</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saving a copy…</source>
        <translation>Kopie wird gespeichert …</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exporting CSV…</source>
        <translation>CSV wird exportiert …</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Captures (*.plcap *.csv);;Pathlens captures (*.plcap);;CSV (*.csv);;All files (*)</source>
        <translation>Aufzeichnungen (*.plcap *.csv);;Pathlens-Aufzeichnungen (*.plcap);;CSV (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Captures (*.plcap *.csv %1);;Pathlens captures (*.plcap);;Packet captures (%1);;CSV (*.csv);;All files (*)</source>
        <translation>Aufzeichnungen (*.plcap *.csv %1);;Pathlens-Aufzeichnungen (*.plcap);;Paketmitschnitte (%1);;CSV (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open capture</source>
        <translation>Aufzeichnung öffnen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save capture as</source>
        <translation>Aufzeichnung speichern unter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pathlens captures (*.plcap)</source>
        <translation>Pathlens-Aufzeichnungen (*.plcap)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>pathlens::views::MeshHeatmap</name>
    <message>
        <location filename="../views/mesh/mesh_heatmap.cpp" line="+149"/>
        <source>LAN</source>
        <translation>LAN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>punched</source>
        <translation>Punching</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>relay</source>
        <translation>Relay</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 (itself)</source>
        <translation>%1 (selbst)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 → %2: not measured yet</source>
        <translation>%1 → %2: noch nicht gemessen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no figure yet</source>
        <translation>noch kein Wert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click for both directions</source>
        <translation>Für beide Richtungen anklicken</translation>
    </message>
</context>
<context>
    <name>pathlens::views::MeshPage</name>
    <message>
        <location filename="../views/mesh/mesh_page.cpp" line="+49"/>
        <source>Smoothed round trip against the link&apos;s lowest (Alt+1)</source>
        <translation>Geglättete Umlaufzeit im Vergleich zum niedrigsten Wert der Strecke (Alt+1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forward capacity against the link&apos;s highest (Alt+2)</source>
        <translation>Kapazität in Hinrichtung im Vergleich zum höchsten Wert der Strecke (Alt+2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test-packet loss, either direction (Alt+3)</source>
        <translation>Testpaketverlust, beliebige Richtung (Alt+3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queueing delay, the worse direction (Alt+4)</source>
        <translation>Warteschlangenverzögerung, die schlechtere Richtung (Alt+4)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Links furthest from their own best, worst first; click one for details</source>
        <translation>Strecken, die am weitesten vom eigenen Bestwert entfernt sind, schlechteste zuerst; für Details anklicken</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Click a cell to see both directions of that link.</source>
        <translation>Eine Zelle anklicken, um beide Richtungen dieser Strecke zu sehen.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>&lt;b&gt;Worst links&lt;/b&gt;</source>
        <translation>&lt;b&gt;Schlechteste Strecken&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Row = from, column = to. Each cell is coloured against that link&apos;s own best, not an absolute scale; ✕ = down, hatched = no figure yet, a blue corner = relayed (large cells name the way: LAN, punched, relay).</source>
        <translation>Zeile = von, Spalte = nach. Jede Zelle ist im Vergleich zum eigenen Bestwert dieser Strecke eingefärbt, nicht nach einer absoluten Skala; ✕ = ausgefallen, schraffiert = noch kein Wert, blaue Ecke = über Relay (große Zellen nennen den Weg: LAN, Punching, Relay).</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>within</source>
        <translation>im Bestbereich</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>marginal</source>
        <translation>grenzwertig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>outside</source>
        <translation>außerhalb</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+22"/>
        <source>down</source>
        <translation>ausgefallen</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>no figure</source>
        <translation>kein Wert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cells of the %1 map by state against each link&apos;s own best</source>
        <translation>Zellen der %1-Karte nach Zustand im Vergleich zum eigenen Bestwert jeder Strecke</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 · down on all %2 of its links</source>
        <translation>%1 · auf allen %2 Strecken ausgefallen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No test packet to or from %1 is answered: the agent, its reflector or its network is down</source>
        <translation>Kein Testpaket zu oder von %1 wird beantwortet: Der Agent, sein Reflektor oder sein Netz ist ausgefallen</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Every link is within its own best</source>
        <translation>Jede Strecke liegt im eigenen Bestbereich</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&lt;b&gt;%1 → %2&lt;/b&gt;: not measured (is a reflector running on %2, and does %1 know it?)</source>
        <translation>&lt;b&gt;%1 → %2&lt;/b&gt;: nicht gemessen (läuft auf %2 ein Reflektor, und kennt %1 ihn?)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No trace of %1 in this capture yet: agents trace their peers every few cycles and share the traces on the fleet bus.</source>
        <translation>Noch kein Trace von %1 in dieser Aufzeichnung: Agenten tracen ihre Gegenstellen alle paar Zyklen und teilen die Traces über den Flotten-Bus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Relayed: the drawings are the relay leg at each end — %1 to the relay, then %2 to the relay. The figures above measure %1 → relay → %2, not a direct path. </source>
        <translation>Über Relay: Die Zeichnungen zeigen den Relay-Abschnitt an jedem Ende – %1 zum Relay, dann %2 zum Relay. Die Werte oben messen %1 → Relay → %2, keinen direkten Pfad. </translation>
    </message>
</context>
<context>
    <name>pathlens::views::MethodologyDialog</name>
    <message>
        <location filename="../views/shell/methodology_dialog.cpp" line="+20"/>
        <source>How Pathlens measures</source>
        <translation>Wie Pathlens misst</translation>
    </message>
</context>
<context>
    <name>pathlens::views::OverviewPage</name>
    <message>
        <location filename="../views/passive/overview_page.cpp" line="+28"/>
        <source>Last 24 hours (UTC), 5-minute buckets — hover for details</source>
        <translation>Letzte 24 Stunden (UTC), 5-Minuten-Intervalle – für Details darauf zeigen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Opening capture…</source>
        <translation>Aufzeichnung wird geöffnet …</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The most recent events recorded in this capture</source>
        <translation>Die neuesten Ereignisse in dieser Aufzeichnung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capture</source>
        <translation>Aufzeichnung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recent events</source>
        <translation>Letzte Ereignisse</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The fleet&apos;s devices by their own verdicts; details on the Fleet page (Ctrl+7)</source>
        <translation>Die Geräte der Flotte nach ihren eigenen Befunden; Details auf der Seite Flotte (Strg+7)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>no samples yet</source>
        <translation>noch keine Messwerte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 → %2 UTC (%3)</source>
        <translation>%1 → %2 UTC (%3)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Host &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Host &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pathlens %1</source>
        <translation>Pathlens %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Live capture, now closed:</source>
        <translation>Live-Aufzeichnung, inzwischen geschlossen:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Live, recording to</source>
        <translation>Live, Aufzeichnung in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline review of</source>
        <translation>Offline-Ansicht von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;%1&lt;/b&gt; %2&lt;br&gt;%3&lt;br&gt;%4&lt;br&gt;%5 rows%6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; %2&lt;br&gt;%3&lt;br&gt;%4&lt;br&gt;%5 Zeilen%6</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Origin unknown</source>
        <translation>Herkunft unbekannt</translation>
    </message>
</context>
<context>
    <name>pathlens::views::PathDiagram</name>
    <message>
        <location filename="../views/trace/path_diagram.cpp" line="+69"/>
        <source>Hop %1: silent — no answer within 900 ms.
Normal: many routers do not answer traceroute probes; traffic still passes through them.</source>
        <translation>Hop %1: stumm – keine Antwort innerhalb von 900 ms.
Normal: Viele Router beantworten keine Traceroute-Probes; der Verkehr läuft trotzdem durch sie hindurch.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hop %1: %2</source>
        <translation>Hop %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name: %1</source>
        <translation>Name: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Network: %1</source>
        <translation>Netz: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Place: %1</source>
        <translation>Ort: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RTT: median %1, best %2 (%3 of %4 probes answered)</source>
        <translation>RTT: Median %1, bester Wert %2 (%3 von %4 Probes beantwortet)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unanswered probes here are rate limiting, not loss: later hops answered them all.</source>
        <translation>Unbeantwortete Probes sind hier Rate-Limiting, kein Verlust: Spätere Hops haben alle beantwortet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss: %1</source>
        <translation>Verlust: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rewrote DSCP %1 → %2</source>
        <translation>DSCP umgeschrieben %1 → %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>MPLS labels: %1</source>
        <translation>MPLS-Labels: %1</translation>
    </message>
</context>
<context>
    <name>pathlens::views::PathPage</name>
    <message>
        <location filename="../views/trace/path_page.cpp" line="+33"/>
        <source>Choose a trace of this capture (newest first)</source>
        <translation>Einen Trace dieser Aufzeichnung wählen (neueste zuerst)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>● solid: answered hop — address, median RTT, +N ms added since the previous answering hop · ◌ dashed: silent hop — normal, many routers never answer traceroute; traffic still passes · &lt;i&gt;rate-limited&lt;/i&gt;: unanswered probes that later hops did answer, so not loss · hover a hop for more</source>
        <translation>● durchgezogen: antwortender Hop – Adresse, Median-RTT, +N ms seit dem vorigen antwortenden Hop · ◌ gestrichelt: stummer Hop – normal, viele Router beantworten Traceroute nie; der Verkehr läuft trotzdem durch · &lt;i&gt;Rate begrenzt&lt;/i&gt;: unbeantwortete Probes, die spätere Hops beantwortet haben, also kein Verlust · für mehr auf einen Hop zeigen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Help → How it measures explains the trace method</source>
        <translation>Hilfe → Wie Pathlens misst erklärt das Trace-Verfahren</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Route changes</source>
        <translation>Routenänderungen</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>No route change recorded: every trace to each target took the same path.</source>
        <translation>Keine Routenänderung aufgezeichnet: Jeder Trace zu jedem Ziel nahm denselben Pfad.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&lt;b&gt;%1&lt;/b&gt; via %2 · %3 · %4 hops (%5 answered) · %6 · took %7</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; über %2 · %3 · %4 Hops (%5 beantwortet) · %6 · dauerte %7</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>destination reached</source>
        <translation>Ziel erreicht</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&lt;b&gt;destination not reached&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ziel nicht erreicht&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> · DSCP rewritten at hop %1</source>
        <translation> · DSCP an Hop %1 umgeschrieben</translation>
    </message>
</context>
<context>
    <name>pathlens::views::PreferencesDialog</name>
    <message>
        <location filename="../views/shell/preferences_dialog.cpp" line="+28"/>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grades: a session gets the best grade whose both thresholds it beats</source>
        <translation>Bewertungen: Eine Sitzung erhält die beste Bewertung, deren beide Schwellen sie unterschreitet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Median RTT below</source>
        <translation>Median-RTT unter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retransmits below</source>
        <translation>Retransmissionen unter</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Anything worse is Poor. Limits are strict: exactly 3 % retransmits is not below 3 %.</source>
        <translation>Alles Schlechtere ist Schlecht. Die Grenzen sind streng: genau 3 % Retransmissionen liegt nicht unter 3 %.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shorter sessions are slow-start noise and are never graded</source>
        <translation>Kürzere Sitzungen sind Slow-Start-Rauschen und werden nie bewertet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apps with fewer graded sessions show as Ungraded</source>
        <translation>Apps mit weniger bewerteten Sitzungen erscheinen als Nicht bewertet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Minimum session length</source>
        <translation>Mindestdauer einer Sitzung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum graded sessions per app</source>
        <translation>Mindestzahl bewerteter Sitzungen je App</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Follow the desktop</source>
        <translation>Dem Desktop folgen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Colours</source>
        <translation>Farben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closing the window keeps Pathlens measuring in the system tray</source>
        <translation>Beim Schließen des Fensters misst Pathlens im Systembereich (Tray) weiter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit from the tray icon&apos;s menu or File → Quit. Without a system tray, closing always quits.</source>
        <translation>Beenden über das Menü des Tray-Symbols oder Datei → Beenden. Ohne Systembereich beendet Schließen das Programm immer.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Live captures (from the next start)</source>
        <translation>Live-Aufzeichnungen (ab dem nächsten Start)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start a new capture file every day at midnight UTC, and delete old days</source>
        <translation>Jeden Tag um Mitternacht UTC eine neue Aufzeichnungsdatei beginnen und alte Tage löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files are named pathlens-YYYY-MM-DD.plcap in the capture folder. Only such files that are Pathlens captures are ever deleted, oldest first, never the one being written.</source>
        <translation>Die Dateien im Aufzeichnungsordner heißen pathlens-YYYY-MM-DD.plcap. Gelöscht werden nur solche Dateien, die Pathlens-Aufzeichnungen sind, die ältesten zuerst, nie die gerade geschriebene.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every day</source>
        <translation>Jeden Tag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep the last</source>
        <translation>Behalten für die letzten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No limit</source>
        <translation>Keine Grenze</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep at most</source>
        <translation>Höchstens</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The thresholds of the specification: 50/100/200 ms, 0.5/1/3 %, 0.5 s, 3 sessions</source>
        <translation>Die Schwellen der Spezifikation: 50/100/200 ms, 0,5/1/3 %, 0,5 s, 3 Sitzungen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Changing these regrades everything shown, live and offline. Each capture records the policy it was recorded with.</source>
        <translation>Eine Änderung bewertet alles Angezeigte neu, live und offline. Jede Aufzeichnung speichert die Richtlinie, mit der sie aufgenommen wurde.</translation>
    </message>
</context>
<context>
    <name>pathlens::views::RelatedCapturesBanner</name>
    <message>
        <location filename="../views/shell/related_captures_banner.cpp" line="+31"/>
        <source>from %1 UTC</source>
        <translation>ab %1 UTC</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1–%2 UTC</source>
        <translation>%1–%2 UTC</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Combined analysis</source>
        <translation>Gemeinsame Auswertung</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+58"/>
        <source>Analyse this capture and its related captures together: one timeline, one overall rating</source>
        <translation>Diese Aufzeichnung und die zugehörigen Aufzeichnungen gemeinsam auswerten: eine Zeitachse, eine Gesamtbewertung</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Combined analysis of %1 captures, one timeline in time order: %2</source>
        <translation>Gemeinsame Auswertung von %1 Aufzeichnungen, eine Zeitachse in zeitlicher Reihenfolge: %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>— file not found (looked for %1 next to this capture)</source>
        <translation>– Datei nicht gefunden (neben dieser Aufzeichnung nach %1 gesucht)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Related captures: %1</source>
        <translation>Zugehörige Aufzeichnungen: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>None of the related captures was found; move them back next to this one</source>
        <translation>Keine der zugehörigen Aufzeichnungen wurde gefunden; verschieben Sie sie zurück neben diese</translation>
    </message>
</context>
<context>
    <name>pathlens::views::ReportPage</name>
    <message>
        <location filename="../views/report/report_page.cpp" line="+43"/>
        <source>Export HTML…</source>
        <translation>HTML exportieren …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export PDF…</source>
        <translation>PDF exportieren …</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The PDF was not written within %1 s. Try again, or export HTML and print it from a browser.</source>
        <translation>Das PDF wurde nicht innerhalb von %1 s geschrieben. Erneut versuchen, oder als HTML exportieren und im Browser drucken.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>While a capture is recording the report follows it, at most every %1 s, and waits while you scroll or a PDF is being written</source>
        <translation>Solange eine Aufzeichnung läuft, folgt ihr der Bericht höchstens alle %1 s und wartet, während Sie scrollen oder ein PDF geschrieben wird</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save this report as one self-contained web page (charts included), to share or archive (Ctrl+Shift+E)</source>
        <translation>Diesen Bericht als eine eigenständige Webseite speichern (mit Diagrammen), zum Weitergeben oder Archivieren (Strg+Umschalt+E)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save this report as an A4 PDF (Ctrl+P)</source>
        <translation>Diesen Bericht als A4-PDF speichern (Strg+P)</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Live capture, as of %1</source>
        <translation>Live-Aufzeichnung, Stand %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capture %1</source>
        <translation>Aufzeichnung %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+24"/>
        <source>There is no report yet: open a capture or wait for the first measurements.</source>
        <translation>Noch kein Bericht: Öffnen Sie eine Aufzeichnung oder warten Sie auf die ersten Messungen.</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Could not save the report as %1: %2</source>
        <translation>Der Bericht konnte nicht als %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+41"/>
        <source>Report saved as %1</source>
        <translation>Bericht gespeichert als %1</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>A PDF is already being written; wait for it to finish.</source>
        <translation>Ein PDF wird bereits geschrieben; warten Sie, bis es fertig ist.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Writing %1…</source>
        <translation>%1 wird geschrieben …</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Export report as HTML</source>
        <translation>Bericht als HTML exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web page (*.html)</source>
        <translation>Webseite (*.html)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export report as PDF</source>
        <translation>Bericht als PDF exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>pathlens::views::ReportView</name>
    <message>
        <location filename="../views/report/report_view.cpp" line="+51"/>
        <source>Could not replace %1: check that the folder is writable and the file is not open elsewhere.</source>
        <translation>%1 konnte nicht ersetzt werden: Prüfen Sie, ob der Ordner beschreibbar ist und die Datei nicht anderswo geöffnet ist.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Pathlens runs as root, where Qt WebEngine cannot start its sandbox, so this is a simpler view without charts. Start Pathlens with QTWEBENGINE_DISABLE_SANDBOX=1 to see the full report.</source>
        <translation>Pathlens läuft als root, wo Qt WebEngine seine Sandbox nicht starten kann, daher ist dies eine einfachere Ansicht ohne Diagramme. Starten Sie Pathlens mit QTWEBENGINE_DISABLE_SANDBOX=1, um den vollständigen Bericht zu sehen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This build has no Qt WebEngine, so this is a simpler view without charts; the exported HTML has them.</source>
        <translation>Dieser Build hat kein Qt WebEngine, daher ist dies eine einfachere Ansicht ohne Diagramme; das exportierte HTML enthält sie.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>&lt;p&gt;The report is too large to show here (%1 MB); export it as HTML instead.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Der Bericht ist zu groß für diese Ansicht (%1 MB); exportieren Sie ihn stattdessen als HTML.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Qt WebEngine produced no PDF; try again, or export HTML and print it from a browser.</source>
        <translation>Qt WebEngine hat kein PDF erzeugt; erneut versuchen, oder als HTML exportieren und im Browser drucken.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Pathlens report</source>
        <translation>Pathlens-Bericht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not write %1: check that the folder exists and is writable.</source>
        <translation>%1 konnte nicht geschrieben werden: Prüfen Sie, ob der Ordner existiert und beschreibbar ist.</translation>
    </message>
</context>
<context>
    <name>pathlens::views::SessionTableModel</name>
    <message>
        <location filename="../views/passive/session_table_model.cpp" line="+34"/>
        <source>%1 → %2
pid %3 · %4 readings · start %5</source>
        <translation>%1 → %2
PID %3 · %4 Messwerte · Beginn %5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exact (kernel tracepoint)</source>
        <translation>exakt (Kernel-Tracepoint)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>first seen by a poll (up to 1 s late)</source>
        <translation>zuerst bei einer Abfrage gesehen (bis zu 1 s verspätet)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Grade</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remote</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Started (UTC)</source>
        <translation>Beginn (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Median RTT</source>
        <translation>Median-RTT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Min RTT</source>
        <translation>Min.-RTT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retransmits</source>
        <translation>Retransmissionen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Down</source>
        <translation>Download</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Up</source>
        <translation>Upload</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>pathlens::views::ThroughputCard</name>
    <message>
        <location filename="../views/load/throughput_card.cpp" line="+21"/>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Upload</source>
        <translation>Upload</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bufferbloat</source>
        <translation>Bufferbloat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Responsiveness</source>
        <translation>Reaktivität</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>No throughput test in this capture yet.</source>
        <translation>Noch kein Durchsatztest in dieser Aufzeichnung.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n tests</source>
        <translation>
            <numerusform>%n Test</numerusform>
            <numerusform>%n Tests</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (medians of the last 5 each way) · %1 moved in all · latest %2</source>
        <translation> (Mediane der letzten 5 je Richtung) · insgesamt %1 übertragen · zuletzt %2</translation>
    </message>
</context>
<context>
    <name>pathlens::views::ThroughputChart</name>
    <message>
        <location filename="../views/load/throughput_chart.cpp" line="+43"/>
        <source>Each point is one test (calibration steps left out); hollow: out of family, tested again 90 s later</source>
        <translation>Jeder Punkt ist ein Test (ohne Kalibrierschritte); hohl: Ausreißer, 90 s später erneut getestet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mbit/s</source>
        <translation>Mbit/s</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+13"/>
        <source>out of family</source>
        <translation>Ausreißer</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Throughput over time (UTC)</source>
        <translation>Durchsatz im Zeitverlauf (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Throughput over time (UTC): no test with a figure yet</source>
        <translation>Durchsatz im Zeitverlauf (UTC): noch kein Test mit Wert</translation>
    </message>
</context>
<context>
    <name>pathlens::views::TimelineReadout</name>
    <message>
        <location filename="../views/timeline/aligned_timeline_readout.cpp" line="-37"/>
        <source>Gateway RTT: %1</source>
        <translation>Gateway-RTT: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Internet RTT: %1</source>
        <translation>Internet-RTT: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wi-Fi signal: %1</source>
        <translation>WLAN-Signal: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wi-Fi rate: %1</source>
        <translation>WLAN-Rate: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events: %1</source>
        <translation>Ereignisse: %1</translation>
    </message>
</context>
<context>
    <name>pathlens::views::TimelineStrip</name>
    <message>
        <location filename="../views/passive/timeline_strip.cpp" line="+32"/>
        <source>Last 24 hours in 5-minute buckets: colour = worst grade, grey = idle</source>
        <translation>Letzte 24 Stunden in 5-Minuten-Intervallen: Farbe = schlechteste Bewertung, grau = Leerlauf</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 · idle (no qualifying session)</source>
        <translation>%1 · Leerlauf (keine auswertbare Sitzung)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · %2 · worst: %3, %4 (session %5)</source>
        <translation>%1 · %2 · schlechteste: %3, %4 (Sitzung %5)</translation>
    </message>
</context>
<context>
    <name>pathlens::views::TrayController</name>
    <message>
        <location filename="../views/shell/tray_controller.cpp" line="+40"/>
        <source>Open Pathlens</source>
        <translation>Pathlens öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run a throughput test now</source>
        <translation>Jetzt einen Durchsatztest starten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Network: %1</source>
        <translation>Netz: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>no graded sessions yet</source>
        <translation>noch keine bewerteten Sitzungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Measuring paused</source>
        <translation>Messung pausiert</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Resume measuring</source>
        <translation>Messung fortsetzen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pause measuring</source>
        <translation>Messung pausieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measuring is paused: start the collectors again</source>
        <translation>Die Messung ist pausiert: Kollektoren wieder starten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the collectors until you resume; the capture stays open</source>
        <translation>Die Kollektoren anhalten, bis Sie fortsetzen; die Aufzeichnung bleibt offen</translation>
    </message>
</context>
<context>
    <name>pathlens::views::VerdictCard</name>
    <message>
        <location filename="../views/passive/verdict_card.cpp" line="+60"/>
        <source>Clean = sessions graded Excellent or Good. Median of the sessions&apos; median RTTs; retransmits = retransmitted / sent segments over all graded sessions.</source>
        <translation>Sauber = Sitzungen mit Bewertung Sehr gut oder Gut. Median der Median-RTTs der Sitzungen; Retransmissionen = wiederholt gesendete / gesendete Segmente über alle bewerteten Sitzungen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The most recent session graded Fair or worse</source>
        <translation>Die jüngste Sitzung mit Bewertung Mäßig oder schlechter</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Last hiccup: %1</source>
        <translation>Letzter Aussetzer: %1</translation>
    </message>
</context>
<context>
    <name>pathlens::views::WifiEventTableModel</name>
    <message>
        <location filename="../views/wifi/wifi_event_table_model.cpp" line="+64"/>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What happened</source>
        <translation>Was geschah</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From → to</source>
        <translation>Von → nach</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The reading that showed the change (one every 10 s)</source>
        <translation>Der Messwert, der die Änderung zeigte (einer alle 10 s)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roams, drops to an older Wi-Fi generation, a narrower channel or fewer streams, and disconnects; hover a row for what it means</source>
        <translation>Roaming, Abfall auf eine ältere WLAN-Generation, ein schmalerer Kanal oder weniger Streams, und Trennungen; für die Bedeutung auf eine Zeile zeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The access point&apos;s address for a roam, the generation, width or stream count before and after</source>
        <translation>Die Adresse des Access Points bei einem Roaming, bzw. Generation, Breite oder Streamanzahl vorher und nachher</translation>
    </message>
</context>
<context>
    <name>pathlens::views::WifiLinkCard</name>
    <message>
        <location filename="../views/wifi/wifi_link_card.cpp" line="+37"/>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Access point</source>
        <translation>Access Point</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signal now</source>
        <translation>Signal jetzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signal, 10-min median</source>
        <translation>Signal, 10-min-Median</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Noise floor</source>
        <translation>Grundrauschen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SNR</source>
        <translation>SNR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate (PHY)</source>
        <translation>Rate (PHY)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ceiling</source>
        <translation>Obergrenze</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>One reading every 10 s while the Wi-Fi collector runs</source>
        <translation>Ein Messwert alle 10 s, solange der WLAN-Kollektor läuft</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No Wi-Fi reading</source>
        <translation>Kein WLAN-Messwert</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>TX %1 · RX %2</source>
        <translation>TX %1 · RX %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 (PHY)</source>
        <translation>%1 (PHY)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No Wi-Fi reading in this capture.</source>
        <translation>Kein WLAN-Messwert in dieser Aufzeichnung.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n readings</source>
        <translation>
            <numerusform>%n Messwert</numerusform>
            <numerusform>%n Messwerte</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · latest %1 · %2</source>
        <translation> · zuletzt %1 · %2</translation>
    </message>
</context>
<context>
    <name>pathlens::views::WifiPage</name>
    <message>
        <location filename="../views/wifi/wifi_page.cpp" line="+44"/>
        <source>Read from consecutive readings: a new access point, an older Wi-Fi generation, a narrower channel or fewer streams (held for two readings), a disconnect and a reconnect</source>
        <translation>Aus aufeinanderfolgenden Messwerten abgeleitet: ein neuer Access Point, eine ältere WLAN-Generation, ein schmalerer Kanal oder weniger Streams (zwei Messwerte lang gehalten), eine Trennung und eine Neuverbindung</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Events (%1)</source>
        <translation>Ereignisse (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events: none (no roam, drop or disconnect in these readings)</source>
        <translation>Ereignisse: keine (kein Roaming, Abfall oder Trennung in diesen Messwerten)</translation>
    </message>
</context>
<context>
    <name>pathlens::views::WifiStripChart</name>
    <message>
        <location filename="../views/wifi/wifi_strip_chart.cpp" line="+91"/>
        <source>signal (RSSI)</source>
        <translation>Signal (RSSI)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>noise floor</source>
        <translation>Grundrauschen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SNR (the gap)</source>
        <translation>SNR (der Abstand)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>transmit (TX)</source>
        <translation>Senden (TX)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>receive (RX)</source>
        <translation>Empfangen (RX)</translation>
    </message>
    <message>
        <location line="+153"/>
        <source>Not connected in any reading of this capture</source>
        <translation>In keinem Messwert dieser Aufzeichnung verbunden</translation>
    </message>
    <message numerus="yes">
        <location line="+35"/>
        <source>…and %n more</source>
        <translation>
            <numerusform>… und %n weitere</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No link: the interface was not associated with an access point in these readings.</source>
        <translation>Keine Verbindung: Die Schnittstelle war in diesen Messwerten mit keinem Access Point verbunden.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not connected (%1)</source>
        <translation>Nicht verbunden (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · access point %2</source>
        <translation>%1 · Access Point %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>hidden network</source>
        <translation>verstecktes Netz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>signal %1 · noise %2 · SNR %3</source>
        <translation>Signal %1 · Rauschen %2 · SNR %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TX %1%2</source>
        <translation>TX %1%2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>RX %1%2</source>
        <translation>RX %1%2</translation>
    </message>
</context>
</TS>
