<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>FleetRanking</name>
    <message numerus="yes">
        <location filename="../core/fleet/fleet_ranking.cpp" line="+106"/>
        <source>%n device(s) reporting, none graded yet</source>
        <translation>
            <numerusform>%n device reporting, none graded yet</numerusform>
            <numerusform>%n devices reporting, none graded yet</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KioskFault</name>
    <message numerus="yes">
        <location filename="../views/kiosk/kiosk_fault.cpp" line="+82"/>
        <source>%n more stopped</source>
        <translation>
            <numerusform>%n more stopped</numerusform>
            <numerusform>%n more stopped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pathlens::views::BufferbloatPanel</name>
    <message numerus="yes">
        <location filename="../views/load/bufferbloat_panel.cpp" line="+184"/>
        <source>%1 while %2: %n answered</source>
        <translation>
            <numerusform>%1 while %2: %n answered</numerusform>
            <numerusform>%1 while %2: %n answered</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>
A figure needs at least %n pings.</source>
        <translation>
            <numerusform>
A figure needs at least %n ping.</numerusform>
            <numerusform>
A figure needs at least %n pings.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pathlens::views::CapacityChart</name>
    <message numerus="yes">
        <location filename="../views/trains/capacity_chart.cpp" line="+220"/>
        <source>%n doubtful estimates: no capacity figure</source>
        <translation>
            <numerusform>%n doubtful estimate: no capacity figure</numerusform>
            <numerusform>%n doubtful estimates: no capacity figure</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>…and %n more</source>
        <translation>
            <numerusform>…and %n more</numerusform>
            <numerusform>…and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pathlens::views::CapacityPage</name>
    <message numerus="yes">
        <location filename="../views/trains/capacity_page.cpp" line="+249"/>
        <source>%n estimates</source>
        <translation>
            <numerusform>%n estimate</numerusform>
            <numerusform>%n estimates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source> (%n doubtful)</source>
        <translation>
            <numerusform> (%n doubtful)</numerusform>
            <numerusform> (%n doubtful)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pathlens::views::EstimateCard</name>
    <message numerus="yes">
        <location filename="../views/trains/estimate_card.cpp" line="+112"/>
        <source>%n packets</source>
        <translation>
            <numerusform>%n packet</numerusform>
            <numerusform>%n packets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pathlens::views::FleetPage</name>
    <message numerus="yes">
        <location filename="../views/fleet/fleet_page.cpp" line="+93"/>
        <source>%n device(s) on the fleet bus, %1 online · fleet median latency %2</source>
        <translation>
            <numerusform>%n device on the fleet bus, %1 online · fleet median latency %2</numerusform>
            <numerusform>%n devices on the fleet bus, %1 online · fleet median latency %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pathlens::views::LoadRoundStatus</name>
    <message numerus="yes">
        <location filename="../views/load/load_round_status.cpp" line="+28"/>
        <source>continuous schedule: a round every %n min</source>
        <translation>
            <numerusform>continuous schedule: a round every %n min</numerusform>
            <numerusform>continuous schedule: a round every %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 schedule: %2 rounds over %n min</source>
        <translation>
            <numerusform>%1 schedule: %2 rounds over %n min</numerusform>
            <numerusform>%1 schedule: %2 rounds over %n min</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pathlens::views::ThroughputCard</name>
    <message numerus="yes">
        <location filename="../views/load/throughput_card.cpp" line="+90"/>
        <source>%n tests</source>
        <translation>
            <numerusform>%n test</numerusform>
            <numerusform>%n tests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pathlens::views::WifiLinkCard</name>
    <message numerus="yes">
        <location filename="../views/wifi/wifi_link_card.cpp" line="+117"/>
        <source>%n readings</source>
        <translation>
            <numerusform>%n reading</numerusform>
            <numerusform>%n readings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pathlens::views::WifiStripChart</name>
    <message numerus="yes">
        <location filename="../views/wifi/wifi_strip_chart.cpp" line="+280"/>
        <source>…and %n more</source>
        <translation>
            <numerusform>…and %n more</numerusform>
            <numerusform>…and %n more</numerusform>
        </translation>
    </message>
</context>
</TS>
